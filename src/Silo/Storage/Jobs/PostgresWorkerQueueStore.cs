using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>The worker queue's columns of the jobs table; dispatched_at is written here and nowhere else.</summary>
public sealed class PostgresWorkerQueueStore(NpgsqlDataSource dataSource) : IWorkerQueueStore
{
    public async Task<IReadOnlyList<QueuedJob>> LoadActiveAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid Id, string Priority, DateTime CreatedAt, DateTime? DispatchedAt)>(
            "SELECT id, priority, created_at, dispatched_at FROM jobs WHERE status IN ('queued', 'processing')");
        return [.. rows.Select(r => new QueuedJob(r.Id, JobPriorities.Parse(r.Priority), JobRow.Utc(r.CreatedAt), JobRow.Utc(r.DispatchedAt)))];
    }

    public async Task<IReadOnlyList<Guid>> DispatchAsync(IReadOnlyList<Guid> jobIds)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // A job already dispatched (a grant whose answer was lost) keeps its first time.
        var dispatched = await connection.QueryAsync<Guid>("""
            UPDATE jobs SET dispatched_at = coalesce(dispatched_at, now())
            WHERE id = ANY(@jobIds) AND status IN ('queued', 'processing')
            RETURNING id
            """, new { jobIds = jobIds.ToArray() });
        return [.. dispatched];
    }
}
