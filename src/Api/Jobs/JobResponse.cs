using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.ObjectStorage;

namespace Framecast.Api.Jobs;

/// <summary>The Job object of spec 04 §0.7, with output URLs presigned for an hour at read time (spec 07 §9).</summary>
public sealed record JobResponse(
    Guid Id,
    string Owner,
    Guid TriggeredBy,
    Guid? ProjectId,
    JobStatus Status,
    JsonElement SpecSnapshot,
    JsonElement Options,
    JsonElement Progress,
    JsonNode? Output,
    long? OutputSizeBytes,
    JsonElement? Error,
    int CreditsCharged,
    FailureType? FailureType,
    int CreditsRefunded,
    string? IdempotencyKey,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Guid? SourceJobId,
    JobPriority Priority,
    QueueResponse? Queue)
{
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromHours(1);

    /// <param name="place">Where a queued job waits in the worker queue, when the caller asked (GET /v1/jobs/:id).</param>
    public static JobResponse From(JobRecord job, ObjectStore store, QueuePlace? place = null) => new(
        job.Id, job.Owner, job.TriggeredBy, job.ProjectId, job.Status, job.SpecSnapshot, job.Options, job.Progress,
        job.Output is { } output ? PresignedOutput(output, store) : null, job.OutputSizeBytes, job.Error,
        job.CreditsCharged, job.FailureType, job.CreditsRefunded, job.IdempotencyKey, job.StartedAt, job.CompletedAt,
        job.CreatedAt, job.UpdatedAt, job.SourceJobId, job.Priority,
        job.Status == JobStatus.Queued && place is { Dispatched: false } ? new QueueResponse(place.Position, place.EstimatedStartAt) : null);

    /// <summary>Turns the stored keys into the spec's JobOutput: video_url, thumbnail_url, spritesheet.url, scene_clips[].url.</summary>
    private static JsonObject PresignedOutput(JsonElement stored, ObjectStore store)
    {
        var bucket = stored.GetProperty("bucket").GetString()!;
        string Url(string key) => store.PresignGet(bucket, key, UrlLifetime);
        var output = new JsonObject { ["video_url"] = Url(stored.GetProperty("video_key").GetString()!) };
        if (stored.TryGetProperty("thumbnail_key", out var thumbnail) && thumbnail.GetString() is { } thumbnailKey)
        {
            output["thumbnail_url"] = Url(thumbnailKey);
        }
        if (stored.TryGetProperty("spritesheet", out var sheet) && sheet.ValueKind == JsonValueKind.Object)
        {
            var spritesheet = JsonNode.Parse(sheet.GetRawText())!.AsObject();
            spritesheet.Remove("key");
            spritesheet["url"] = Url(sheet.GetProperty("key").GetString()!);
            output["spritesheet"] = spritesheet;
        }
        if (stored.TryGetProperty("scene_clips", out var clips))
        {
            output["scene_clips"] = new JsonArray(clips.EnumerateArray()
                .Select(c => (JsonNode)new JsonObject { ["scene_id"] = c.GetProperty("scene_id").GetString(), ["url"] = Url(c.GetProperty("key").GetString()!) })
                .ToArray());
        }
        foreach (var field in new[] { "duration", "resolution", "format", "size_bytes", "metadata" })
        {
            if (stored.TryGetProperty(field, out var value))
            {
                output[field] = JsonNode.Parse(value.GetRawText());
            }
        }
        return output;
    }
}

/// <summary>A job waiting for a worker slot: its place in the cluster's queue (1 = next) and when its turn is expected.</summary>
public sealed record QueueResponse(int Position, DateTimeOffset? EstimatedStartAt);

/// <summary>A page of a paginated list (spec 04 §0.5).</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, string? NextCursor, bool HasMore);
