namespace Framecast.Grains.Abstractions.Automations;

/// <summary>An execution's outcome: pending (claimed, admission unanswered), started (a job), skipped (a limit), failed.</summary>
[GenerateSerializer, Alias("framecast.ExecutionStatus")]
public enum ExecutionStatus
{
    Pending,
    Started,
    Skipped,
    Failed,
}

public static class ExecutionStates
{
    public static string ToDb(this ExecutionStatus status) => status.ToString().ToLowerInvariant();

    public static ExecutionStatus Parse(string value) => Enum.Parse<ExecutionStatus>(value, ignoreCase: true);
}
