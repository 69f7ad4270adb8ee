using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.Hosting;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>The execution side of the jobs row. Every write names the job's active states, so none can undo a settlement.</summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource, SiloIdentity silo, JobExecutionOptions options, ObjectStore objects, ILogger<PostgresJobStore> logger) : IJobStore
{
    public async Task<JobRecord?> GetAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId", new { jobId });
        return row?.ToRecord();
    }

    public async Task<JobExecution?> GetExecutionAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId", new { jobId });
        if (row is null)
        {
            return null;
        }
        var job = row.ToRecord();
        return new JobExecution(job.Id, job.Owner, job.Status, job.SpecSnapshot, job.Options,
            row.WorkerRequestId, JobRow.Utc(row.SubmittedAt), job.CreatedAt, job.StartedAt);
    }

    public async Task MarkSubmittingAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE jobs SET submitted_at = now() WHERE id = @jobId AND lease_silo = @siloId AND status IN ('queued', 'processing')",
            new { jobId, siloId = silo.Id });
    }

    public async Task<bool> RecordSubmissionAsync(Guid jobId, string workerRequestId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync("""
            UPDATE jobs SET worker_request_id = @workerRequestId
            WHERE id = @jobId AND lease_silo = @siloId AND lease_until > now() AND status IN ('queued', 'processing')
            """, new { jobId, workerRequestId, siloId = silo.Id }) == 1;
    }

    public async Task<bool> RenewLeaseAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync("""
            UPDATE jobs SET lease_until = now() + make_interval(secs => @seconds)
            WHERE id = @jobId AND lease_silo = @siloId AND status IN ('queued', 'processing')
            """, new { jobId, siloId = silo.Id, seconds = options.LeaseDuration.TotalSeconds }) == 1;
    }

    public async Task ReleaseLeaseAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE jobs SET lease_silo = NULL, lease_until = NULL WHERE id = @jobId AND lease_silo = @siloId",
            new { jobId, siloId = silo.Id });
    }

    public async Task<bool> MarkStartedAsync(Guid jobId)
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
            return false;
        }
        await JobEventLog.AppendAsync(connection, transaction, row.ToRecord(), JobEventType.Started);
        await transaction.CommitAsync();
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

    public async Task<bool> RecordProgressAsync(Guid jobId, JsonElement progress, IReadOnlyList<string> completedScenes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var before = await connection.QuerySingleOrDefaultAsync<int?>("""
            SELECT coalesce((progress->>'scenes_completed')::int, 0) FROM jobs
            WHERE id = @jobId AND status = 'processing' FOR UPDATE
            """, new { jobId }, transaction);
        if (before is not { } alreadyCompleted)
        {
            return false;
        }
        var row = await connection.QuerySingleAsync<JobRow>(
            $"UPDATE jobs SET progress = @progress::jsonb WHERE id = @jobId RETURNING {JobRow.Columns}",
            new { jobId, progress = progress.GetRawText() }, transaction);
        var job = row.ToRecord();
        foreach (var sceneId in completedScenes.Skip(alreadyCompleted))
        {
            await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.SceneComplete, sceneId);
        }
        await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.Progress);
        await transaction.CommitAsync();
        return true;
    }
}
