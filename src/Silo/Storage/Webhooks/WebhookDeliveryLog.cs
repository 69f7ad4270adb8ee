using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Webhooks;
using Npgsql;

namespace Framecast.Silo.Storage.Webhooks;

/// <summary>
/// Turns a job event into its deliveries, inside the event's own transaction (called by <see cref="Jobs.JobEventLog"/>
/// for every event it appends): one row per active webhook of the job's team (spec 04 §9, dispatch rule: the team of
/// a team or membership owner; personal jobs fire none) that subscribes to the event. <c>job.progress</c> goes at most
/// once a second per job and webhook (spec 07). The payload is the spec's envelope around the event's job object.
/// </summary>
public static class WebhookDeliveryLog
{
    /// <summary>
    /// The webhooks an event gave deliveries to, kept with the event object until its writer publishes it after the
    /// commit (<see cref="Silo.Webhooks.WebhookWakeup"/>): every event writer already hands its events on after the
    /// commit, so none has to carry anything more. Weak keys: a rolled-back event's entry goes with it.
    /// </summary>
    private static readonly ConditionalWeakTable<JobEvent, Guid[]> Enqueued = new();

    public static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, JobRecord job, JobEvent jobEvent)
    {
        if (WebhookEventTypes.ForJobEvent(jobEvent.EventType) is not { } eventType
            || !OwnerUrn.TryParse(job.Owner, out var owner) || owner.TeamId is not { } teamId)
        {
            return;
        }
        var webhooks = (await connection.QueryAsync<Guid>("""
            INSERT INTO webhook_deliveries (id, webhook_id, job_id, event_type, payload, output_objects)
            SELECT d.id, d.webhook_id, @jobId, @eventType,
                   jsonb_build_object('event', @eventType, 'timestamp', @timestamp, 'delivery_id', d.id, 'job', @job::jsonb),
                   @outputObjects::jsonb
            FROM (SELECT gen_random_uuid() AS id, w.id AS webhook_id FROM webhooks w
                  WHERE w.team_id = @teamId AND w.is_active AND @eventType::webhook_event_type = ANY (w.events)
                    AND (@eventType <> 'job.progress' OR NOT EXISTS (
                        SELECT 1 FROM webhook_deliveries p
                        WHERE p.job_id = @jobId AND p.event_type = 'job.progress' AND p.webhook_id = w.id
                          AND p.created_at > now() - interval '1 second'))
                  ORDER BY w.id) d
            RETURNING webhook_id
            """, new
        {
            jobId = job.Id,
            eventType,
            teamId,
            timestamp = jobEvent.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            job = jobEvent.Payload.GetRawText(),
            outputObjects = jobEvent.EventType == JobEventType.Completed ? OutputObjects(job) : null,
        }, transaction)).ToArray();
        if (webhooks.Length > 0)
        {
            Enqueued.AddOrUpdate(jobEvent, webhooks);
        }
    }

    private static string? OutputObjects(JobRecord job) =>
        job.Output is { ValueKind: JsonValueKind.Object } output && output.TryGetProperty("bucket", out var bucket) && output.TryGetProperty("video_key", out var video)
            ? JsonSerializer.Serialize(new
            {
                bucket = bucket.GetString(),
                video_key = video.GetString(),
                thumbnail_key = output.TryGetProperty("thumbnail_key", out var thumbnail) ? thumbnail.GetString() : null,
            })
            : null;

    /// <summary>The webhooks the committed <paramref name="jobEvent"/> gave deliveries to.</summary>
    public static IReadOnlyList<Guid> WebhooksOf(JobEvent jobEvent) => Enqueued.TryGetValue(jobEvent, out var webhooks) ? webhooks : [];
}
