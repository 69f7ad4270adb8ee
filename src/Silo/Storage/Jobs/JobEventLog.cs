using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.Storage.Webhooks;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>
/// Appends job events inside the caller's transaction. The sequence comes from the job row
/// (`last_event_sequence`), whose row lock serializes writers, so it is gap-free and never repeats.
/// After the commit the writer hands the returned events to <see cref="Silo.Jobs.JobEventPublisher"/>, which also
/// wakes the webhooks the events gave deliveries to.
/// </summary>
public static class JobEventLog
{
    public static async Task<JobEvent> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, JobRecord job, JobEventType type,
        string? sceneId = null, QueuePlace? place = null)
    {
        var payload = JobEventPayloads.For(type, job, sceneId, place);
        var (sequence, createdAt) = await connection.QuerySingleAsync<(long, DateTime)>("""
            WITH next AS (
                UPDATE jobs SET last_event_sequence = last_event_sequence + 1 WHERE id = @jobId
                RETURNING last_event_sequence)
            INSERT INTO job_events (id, job_id, sequence, event_type, payload)
            SELECT @id, @jobId, last_event_sequence, @type::job_event_type, @payload::jsonb FROM next
            RETURNING sequence, created_at
            """, new { id = Guid.NewGuid(), jobId = job.Id, type = type.ToDb(), payload = payload.GetRawText() }, transaction);
        var appended = new JobEvent(job.Id, sequence, type, payload, JobRow.Utc(createdAt));
        // Every job event a webhook subscribes to becomes its delivery rows here, in the event's transaction.
        await WebhookDeliveryLog.EnqueueAsync(connection, transaction, job, appended);
        return appended;
    }

    public static async Task<IReadOnlyList<JobEvent>> ReadAfterAsync(NpgsqlDataSource dataSource, Guid jobId, long afterSequence, int limit = 500)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Sequence, string Type, string Payload, DateTime CreatedAt)>("""
            SELECT sequence, event_type::text, payload::text, created_at FROM job_events
            WHERE job_id = @jobId AND sequence > @afterSequence ORDER BY sequence LIMIT @limit
            """, new { jobId, afterSequence, limit });
        return rows.Select(r =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(r.Payload);
            return new JobEvent(jobId, r.Sequence, JobStates.ParseEventType(r.Type), document.RootElement.Clone(), JobRow.Utc(r.CreatedAt));
        }).ToList();
    }
}
