using Framecast.Cli.Output;
using Framecast.Cli.Streaming;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary>
/// Shows a job's events as they come: a progress bar per scene at a terminal, a line per event otherwise, and one
/// JSON document per event with <c>--json</c>. Returns the terminal event.
/// </summary>
public static class JobEventView
{
    public static async Task<JobEvent?> ShowAsync(JobEventFollower follower, SceneProgress scenes, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            return await EachAsync(follower, e => Terminal.JsonLine(new { id = e.Id, @event = e.Type, data = e.Data }), cancellationToken);
        }
        if (!Terminal.IsInteractive || scenes.SceneIds.Count == 0)
        {
            return await EachAsync(follower, e => Terminal.Error.WriteLine(Describe(e)), cancellationToken);
        }

        JobEvent? last = null;
        await Terminal.Error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = scenes.SceneIds.Select(id => context.AddTask(Markup.Escape(id), maxValue: 100)).ToList();
                last = await EachAsync(follower, e =>
                {
                    scenes.Apply(e);
                    for (var i = 0; i < bars.Count; i++)
                    {
                        bars[i].Value = scenes[i];
                    }
                    if (e.IsTerminal)
                    {
                        bars.ForEach(bar => bar.StopTask());
                    }
                }, cancellationToken);
            });
        return last;
    }

    public static async Task<JobEvent?> EachAsync(JobEventFollower follower, Action<JobEvent> show, CancellationToken cancellationToken)
    {
        JobEvent? last = null;
        await foreach (var e in follower.FollowAsync(cancellationToken))
        {
            show(e);
            last = e;
        }
        return last;
    }

    public static string Describe(JobEvent e)
    {
        var progress = e.Data.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        string Field(string name) => progress.ValueKind == JsonValueKind.Object && progress.TryGetProperty(name, out var v) ? v.ToString() : "?";
        return e.Type switch
        {
            "progress" => $"progress {Field("percent")}% ({Field("scenes_completed")}/{Field("scenes_total")} scenes)",
            "scene_complete" => $"scene {(e.Data.TryGetProperty("scene_id", out var id) ? id.GetString() : "?")} done ({Field("percent")}%)",
            "queue_position" when e.Data.TryGetProperty("queue", out var q) && q.ValueKind == JsonValueKind.Object =>
                $"waiting for a worker: position {q.GetProperty("position")}, expected to start at {q.GetProperty("estimated_start_at")}",
            _ => e.Type,
        };
    }
}
