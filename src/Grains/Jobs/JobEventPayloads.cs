using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The payload of each job event: the `job` object of the matching webhook (spec 06 §8), taken
/// from the row as of the transition. Output URLs are not stored (they expire); clients read them
/// from GET /v1/jobs/:id.
/// </summary>
public static class JobEventPayloads
{
    public static JsonElement For(JobEventType type, JobRecord job, string? sceneId = null, QueuePlace? place = null)
    {
        var node = new JsonObject { ["id"] = job.Id, ["status"] = job.Status.ToDb() };
        switch (type)
        {
            case JobEventType.Queued or JobEventType.Started:
                node["owner"] = job.Owner;
                node["project_id"] = job.ProjectId;
                node["triggered_by"] = job.TriggeredBy;
                node["priority"] = job.Priority.ToDb();
                node["created_at"] = job.CreatedAt;
                break;
            case JobEventType.QueuePosition:
                node["priority"] = job.Priority.ToDb();
                node["queue"] = place is null ? null : Queue(place);
                break;
            case JobEventType.Progress or JobEventType.SceneComplete:
                node["progress"] = JsonNode.Parse(job.Progress.GetRawText());
                if (sceneId is not null)
                {
                    node["scene_id"] = sceneId;
                }
                break;
            case JobEventType.Completed:
                node["owner"] = job.Owner;
                node["project_id"] = job.ProjectId;
                node["output"] = job.Output is { } output ? Summary(output) : null;
                node["credits_charged"] = job.CreditsCharged;
                node["started_at"] = job.StartedAt;
                node["completed_at"] = job.CompletedAt;
                break;
            case JobEventType.Failed:
                node["failure_type"] = job.FailureType?.ToDb();
                node["error"] = job.Error is { } error ? JsonNode.Parse(error.GetRawText()) : null;
                node["progress"] = JsonNode.Parse(job.Progress.GetRawText());
                node["credits_charged"] = job.CreditsCharged;
                node["credits_refunded"] = job.CreditsRefunded;
                node["completed_at"] = job.CompletedAt;
                break;
            case JobEventType.Canceled:
                node["canceled_by"] = job.CanceledBy;
                node["progress"] = new JsonObject { ["percent"] = Percent(job.Progress) };
                node["credits_charged"] = job.CreditsCharged;
                node["credits_refunded"] = job.CreditsRefunded;
                node["completed_at"] = job.CompletedAt;
                break;
        }
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>The <c>queue</c> object of a waiting job, as GET /v1/jobs/:id shows it too.</summary>
    public static JsonObject Queue(QueuePlace place) =>
        new() { ["position"] = place.Position, ["estimated_start_at"] = place.EstimatedStartAt };

    private static JsonObject Summary(JsonElement output)
    {
        var summary = new JsonObject();
        foreach (var field in new[] { "duration", "resolution", "format", "size_bytes" })
        {
            if (output.TryGetProperty(field, out var value))
            {
                summary[field] = JsonNode.Parse(value.GetRawText());
            }
        }
        return summary;
    }

    private static decimal Percent(JsonElement progress) =>
        progress.ValueKind == JsonValueKind.Object && progress.TryGetProperty("percent", out var p) && p.TryGetDecimal(out var value) ? value : 0m;
}
