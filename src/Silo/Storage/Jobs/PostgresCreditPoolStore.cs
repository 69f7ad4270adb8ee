using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Grains.Jobs;
using Framecast.Silo.Storage.Accounts;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>Admission and settlement as single transactions on the pool's row (users or teams) and the job.</summary>
public sealed class PostgresCreditPoolStore(NpgsqlDataSource dataSource, GrainStateChanges changes) : ICreditPoolStore
{
    private const string ActiveStatuses = "('queued', 'processing')";

    public async Task<CreditPoolState?> LoadAsync(CreditPool pool)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        if (pool.Kind == CreditPoolKind.User)
        {
            var user = await connection.QuerySingleOrDefaultAsync<(int Credits, long Version, string Tier)?>(
                "SELECT credits, version, tier::text FROM users WHERE id = @Id", new { pool.Id });
            if (user is not { } u)
            {
                return null;
            }
            var active = await connection.QueryAsync<ActiveJob>(
                $"SELECT id AS Id, project_id AS ProjectId FROM jobs WHERE owner = @owner AND status IN {ActiveStatuses}",
                new { owner = $"framecast:user:{pool.Id:D}" });
            return new CreditPoolState(u.Credits, u.Version, u.Tier == "starter" ? JobLimits.Starter : JobLimits.CreatorPersonal, active.ToList());
        }
        var team = await connection.QuerySingleOrDefaultAsync<(int Credits, long Version)?>(
            "SELECT credits, version FROM teams WHERE id = @Id", new { pool.Id });
        if (team is not { } t)
        {
            return null;
        }
        var teamActive = await connection.QueryAsync<ActiveJob>($"""
            SELECT id AS Id, project_id AS ProjectId FROM jobs
            WHERE (owner = @teamUrn OR owner LIKE @membershipPrefix) AND status IN {ActiveStatuses}
            """, new { teamUrn = $"framecast:team:{pool.Id:D}", membershipPrefix = $"framecast:{pool.Id:D}:%" });
        return new CreditPoolState(t.Credits, t.Version, JobLimits.Team, teamActive.ToList());
    }

    public async Task<JobRecord> FindJobAsync(Guid jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId", new { jobId });
        return row?.ToRecord() ?? throw new DomainException(ErrorCodes.JobNotFound, "The job does not exist.");
    }

    public async Task<(JobRecord Job, string? RequestHash)?> FindByIdempotencyKeyAsync(Guid triggeredBy, string idempotencyKey)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(
            $"SELECT {JobRow.Columns} FROM jobs WHERE triggered_by = @triggeredBy AND idempotency_key = @idempotencyKey",
            new { triggeredBy, idempotencyKey });
        return row is null ? null : (row.ToRecord(), row.RequestHash);
    }

    public async Task<AdmitOutcome> AdmitAsync(CreditPool pool, long expectedVersion, AdmitJobCommand command)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var balance = await connection.QuerySingleOrDefaultAsync<int?>(
            $"UPDATE {Table(pool)} SET credits = credits - @Credits, version = version + 1 WHERE id = @Id AND version = @expectedVersion AND credits >= @Credits RETURNING credits",
            new { command.Credits, pool.Id, expectedVersion }, transaction);
        if (balance is not { } after)
        {
            throw new GrainStateConflictException(GrainIdOf(pool), expectedVersion);
        }
        JobRow? row;
        try
        {
            row = await connection.QuerySingleOrDefaultAsync<JobRow>($"""
                INSERT INTO jobs (id, owner, triggered_by, project_id, spec_snapshot, options, credits_charged, idempotency_key, request_hash)
                VALUES (@JobId, @Owner, @TriggeredBy, @ProjectId, @spec::jsonb, @options::jsonb, @Credits, @IdempotencyKey, @RequestHash)
                ON CONFLICT (triggered_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING {JobRow.Columns}
                """, new
            {
                command.JobId, command.Owner, command.TriggeredBy, command.ProjectId, spec = command.Spec.GetRawText(),
                options = command.Options.GetRawText(), command.Credits, command.IdempotencyKey, command.RequestHash,
            }, transaction);
        }
        catch (PostgresException ex) when (ex.ConstraintName == "jobs_one_active_per_project")
        {
            throw new DomainException(ErrorCodes.ProjectJobActive, "The project already has a queued or processing job.");
        }
        catch (PostgresException ex) when (ex.SqlState == "P0429")
        {
            throw new DomainException(ErrorCodes.ConcurrentJobLimit, "The owner's concurrent job limit has been reached.");
        }
        if (row is null)
        {
            await transaction.RollbackAsync();
            return new AdmitOutcome.DuplicateKey();
        }
        if (command.ProjectId is { } projectId)
        {
            var moved = await connection.ExecuteAsync("""
                UPDATE projects SET status = 'rendering', updated_at = now(), version = version + 1
                WHERE id = @projectId AND status IN ('draft', 'completed')
                """, new { projectId }, transaction);
            if (moved == 0)
            {
                throw new DomainException(ErrorCodes.InvalidProjectState, "The project can only be rendered from draft or completed.");
            }
        }
        var job = row.ToRecord();
        await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.Queued);
        await CreditLedger.RecordAsync(connection, transaction, pool, job, -command.Credits, after, "job_charge");
        await CreditLedger.AddUsageAsync(connection, transaction, job.Owner, renders: 1, creditsUsed: command.Credits);
        await changes.PublishAsync(connection, transaction, Touched(pool));
        await transaction.CommitAsync();
        changes.Committed(Touched(pool), GrainIdOf(pool));
        return new AdmitOutcome.Admitted(job, expectedVersion + 1);
    }

    public async Task<(JobRecord Job, long NewVersion)> SettleAsync(CreditPool pool, long expectedVersion, JobRecord job, JobSettlement settlement, int refund)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"""
            UPDATE jobs SET status = @status::job_status, failure_type = @failureType::job_failure_type,
                output = @output::jsonb, output_size_bytes = @OutputSizeBytes, error = @error::jsonb,
                credits_refunded = @refund, canceled_by = @CanceledBy, lease_silo = NULL, lease_until = NULL
            WHERE id = @JobId AND status IN {ActiveStatuses}
            RETURNING {JobRow.Columns}
            """, new
        {
            status = settlement.Status.ToDb(),
            failureType = settlement.FailureType?.ToDb(),
            output = settlement.Output?.GetRawText(),
            settlement.OutputSizeBytes,
            error = settlement.Error is { } e ? System.Text.Json.JsonSerializer.Serialize(new { code = e.Code, message = e.Message, scene_id = e.SceneId }) : null,
            refund,
            settlement.CanceledBy,
            settlement.JobId,
        }, transaction);
        if (row is null)
        {
            // Settled meanwhile by another activation of this pool: reload and see it terminal.
            throw new GrainStateConflictException(GrainIdOf(pool), expectedVersion);
        }
        var balance = await connection.QuerySingleOrDefaultAsync<int?>(
            $"UPDATE {Table(pool)} SET credits = credits + @refund, version = version + 1 WHERE id = @Id AND version = @expectedVersion RETURNING credits",
            new { refund, pool.Id, expectedVersion }, transaction);
        if (balance is not { } after)
        {
            throw new GrainStateConflictException(GrainIdOf(pool), expectedVersion);
        }
        var ended = row.ToRecord();
        if (refund > 0)
        {
            await CreditLedger.RecordAsync(connection, transaction, pool, ended, refund, after, "job_refund");
        }
        await CreditLedger.AddUsageAsync(connection, transaction, ended.Owner, creditsRefunded: refund,
            renderSeconds: (int)Math.Round(settlement.RenderSeconds ?? 0));
        if (ended.ProjectId is { } projectId)
        {
            await connection.ExecuteAsync("""
                UPDATE projects SET status = @status::project_status, updated_at = now(), version = version + 1
                WHERE id = @projectId AND status = 'rendering'
                """, new { projectId, status = ended.Status == JobStatus.Completed ? "completed" : "draft" }, transaction);
        }
        await JobEventLog.AppendAsync(connection, transaction, ended, ended.Status switch
        {
            JobStatus.Completed => JobEventType.Completed,
            JobStatus.Canceled => JobEventType.Canceled,
            _ => JobEventType.Failed,
        });
        await changes.PublishAsync(connection, transaction, Touched(pool));
        await transaction.CommitAsync();
        changes.Committed(Touched(pool), GrainIdOf(pool));
        return (ended, expectedVersion + 1);
    }

    private static string Table(CreditPool pool) => pool.Kind == CreditPoolKind.User ? "users" : "teams";

    private static GrainId GrainIdOf(CreditPool pool) => GrainId.For<ICreditPoolGrain>(pool.Key);

    /// <summary>The pool grain and the user or team grain, which caches the same row's balance.</summary>
    private static GrainId[] Touched(CreditPool pool) =>
        [GrainIdOf(pool), pool.Kind == CreditPoolKind.User ? AccountsDb.UserGrain(pool.Id) : AccountsDb.TeamGrain(pool.Id)];
}
