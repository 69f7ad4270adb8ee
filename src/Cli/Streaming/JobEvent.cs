namespace Framecast.Cli.Streaming;

/// <summary>One event of a job's stream: its SSE id (<c>{job_id}:{sequence}</c>), type and payload.</summary>
public sealed record JobEvent(string Id, string Type, JsonElement Data)
{
    public bool IsTerminal => Type is "completed" or "failed" or "canceled";
}
