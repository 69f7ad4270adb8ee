using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.Jobs;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>The execution side of the jobs row. Every write names the job's active states, so none can undo a settlement.</summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource, JobEventPublisher events, ObjectStore objects, ILogger<PostgresJobStore> logger) : IJobStore
{
    public async Task<JobRecord?> GetAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId", new { jobId });
        return row?.ToRecord();
    }

    public async Task<JobRecord?> MarkStartedAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"""
            UPDATE jobs SET status = 'processing', progress = jsonb_build_object('phase', 'initializing', 'percent', 0)
            WHERE id = @jobId AND status = 'queued'
            RETURNING {JobRow.Columns}
            """, new { jobId }, transaction);
        if (row is null)
        {
            return null;
        }
        var job = row.ToRecord();
        var started = await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.Started);
        await transaction.CommitAsync();
        events.Publish(job, [started]);
        return job;
    }

    public async Task<bool> RecordQueuePlaceAsync(Guid jobId, QueuePlace place)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(
            $"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId AND status = 'queued' FOR UPDATE", new { jobId }, transaction);
        if (row is null)
        {
            return false;
        }
        var job = row.ToRecord();
        var appended = await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.QueuePosition, place: place);
        await transaction.CommitAsync();
        events.Publish(job, [appended]);
        return true;
    }

    public async Task<bool> DeleteTerminalEphemeralAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var owner = await connection.QuerySingleOrDefaultAsync<string>(
            "DELETE FROM jobs WHERE id = @jobId AND project_id IS NULL AND status IN ('completed', 'failed', 'canceled') RETURNING owner",
            new { jobId });
        if (owner is null)
        {
            return false;
        }
        try
        {
            await objects.DeletePrefixAsync(objects.Options.OutputsBucket, StorageKeys.JobPrefix(owner, jobId));
        }
        catch (Exception ex)
        {
            // The row is gone and nothing links to the files any more; a failed cleanup only costs storage.
            logger.LogWarning(ex, "Could not delete the stored outputs of job {JobId}", jobId);
        }
        return true;
    }

    public async Task<JobRecord?> RecordProgressAsync(Guid jobId, JsonElement progress, IReadOnlyList<string> completedScenes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var before = await connection.QuerySingleOrDefaultAsync<int?>("""
            SELECT coalesce((progress->>'scenes_completed')::int, 0) FROM jobs
            WHERE id = @jobId AND status = 'processing' FOR UPDATE
            """, new { jobId }, transaction);
        if (before is not { } alreadyCompleted)
        {
            return null;
        }
        var row = await connection.QuerySingleAsync<JobRow>(
            $"UPDATE jobs SET progress = @progress::jsonb WHERE id = @jobId RETURNING {JobRow.Columns}",
            new { jobId, progress = progress.GetRawText() }, transaction);
        var job = row.ToRecord();
        var appended = new List<JobEvent>();
        foreach (var sceneId in completedScenes.Skip(alreadyCompleted))
        {
            appended.Add(await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.SceneComplete, sceneId));
        }
        appended.Add(await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.Progress));
        await transaction.CommitAsync();
        events.Publish(job, appended);
        return job;
    }

    public async Task<IReadOnlyList<Guid>> ListActiveAsync(DateTimeOffset createdBefore)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Guid>(
            "SELECT id FROM jobs WHERE status IN ('queued', 'processing') AND created_at < @createdBefore ORDER BY created_at",
            new { createdBefore })).ToList();
    }
}
