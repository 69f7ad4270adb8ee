using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Persistence;
using Framecast.Grains.Abstractions.Usage;
using Framecast.Silo.Jobs;
using Framecast.Silo.Storage.Usage;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>
/// Admission, settlement and grants as single transactions on the pool's columns (credits and
/// credits_version of the users or teams row, which only the pool grain writes) and the job.
/// </summary>
public sealed class PostgresCreditPoolStore(NpgsqlDataSource dataSource, JobEventPublisher events, UsageQueries usage) : ICreditPoolStore
{
    private const string ActiveStatuses = "('queued', 'processing')";

    public Task<UsagePeriod> LoadUsageAsync(CreditPool pool, string period) =>
        usage.MonthAsync(pool.Kind == CreditPoolKind.User ? OwnerUrn.ForUser(pool.Id) : OwnerUrn.ForTeam(pool.Id), period);

    public async Task<CreditPoolState?> LoadAsync(CreditPool pool)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        if (pool.Kind == CreditPoolKind.User)
        {
            var user = await connection.QuerySingleOrDefaultAsync<(int Credits, long Version, string Tier)?>(
                "SELECT credits, credits_version, tier::text FROM users WHERE id = @Id", new { pool.Id });
            if (user is not { } u)
            {
                return null;
            }
            var active = await connection.QueryAsync<ActiveJob>(
                $"SELECT id AS Id, project_id AS ProjectId FROM jobs WHERE owner = @owner AND status IN {ActiveStatuses}",
                new { owner = $"framecast:user:{pool.Id:D}" });
            var starter = u.Tier == "starter";
            return new CreditPoolState(u.Credits, u.Version, starter ? JobLimits.Starter : JobLimits.CreatorPersonal, active.ToList(), UrgentAllowed: !starter);
        }
        var team = await connection.QuerySingleOrDefaultAsync<(int Credits, long Version)?>(
            "SELECT credits, credits_version FROM teams WHERE id = @Id", new { pool.Id });
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
            $"UPDATE {Table(pool)} SET credits = credits - @Credits, credits_version = credits_version + 1 WHERE id = @Id AND credits_version = @expectedVersion AND credits >= @Credits RETURNING credits",
            new { command.Credits, pool.Id, expectedVersion }, transaction);
        if (balance is not { } after)
        {
            throw Stale(pool, expectedVersion);
        }
        JobRow? row;
        try
        {
            row = await connection.QuerySingleOrDefaultAsync<JobRow>($"""
                INSERT INTO jobs (id, owner, triggered_by, project_id, spec_snapshot, options, credits_charged, idempotency_key, request_hash, source_job_id, priority)
                VALUES (@JobId, @Owner, @TriggeredBy, @ProjectId, @spec::jsonb, @options::jsonb, @Credits, @IdempotencyKey, @RequestHash, @SourceJobId, @priority)
                ON CONFLICT (triggered_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING {JobRow.Columns}
                """, new
            {
                command.JobId, command.Owner, command.TriggeredBy, command.ProjectId, spec = command.Spec.GetRawText(),
                options = command.Options.GetRawText(), command.Credits, command.IdempotencyKey, command.RequestHash, command.SourceJobId,
                priority = command.Priority.ToDb(),
            }, transaction);
        }
        catch (PostgresException ex) when (ex.ConstraintName == "jobs_one_active_per_project")
        {
            throw new DomainException(ErrorCodes.ProjectJobActive, "The project already has a queued or processing job.");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && ex.ConstraintName == "jobs_project_id_fkey")
        {
            throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.");
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
        var queued = await JobEventLog.AppendAsync(connection, transaction, job, JobEventType.Queued);
        await CreditLedger.RecordAsync(connection, transaction, pool, job.Owner, job.Id, -command.Credits, after, "job_charge");
        await CreditLedger.AddUsageAsync(connection, transaction, job.Owner, renders: 1, creditsUsed: command.Credits);
        await transaction.CommitAsync();
        events.Publish(job, [queued]);
        return new AdmitOutcome.Admitted(job, expectedVersion + 1);
    }

    public async Task<(JobRecord Job, long NewVersion)?> SettleAsync(CreditPool pool, long expectedVersion, JobRecord job, JobSettlement settlement, int refund)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"""
            UPDATE jobs SET status = @status::job_status, failure_type = @failureType::job_failure_type,
                output = @output::jsonb, output_size_bytes = @OutputSizeBytes, error = @error::jsonb,
                credits_refunded = @refund, canceled_by = @CanceledBy
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
            // No longer active: settled meanwhile (by a duplicate activation); the caller reads how it ended.
            return null;
        }
        var balance = await connection.QuerySingleOrDefaultAsync<int?>(
            $"UPDATE {Table(pool)} SET credits = credits + @refund, credits_version = credits_version + 1 WHERE id = @Id AND credits_version = @expectedVersion RETURNING credits",
            new { refund, pool.Id, expectedVersion }, transaction);
        if (balance is not { } after)
        {
            throw Stale(pool, expectedVersion);
        }
        var ended = row.ToRecord();
        await CreditLedger.RecordAsync(connection, transaction, pool, ended.Owner, ended.Id, refund, after, "job_refund");
        await CreditLedger.AddUsageAsync(connection, transaction, ended.Owner, creditsRefunded: refund,
            renderSeconds: (int)Math.Round(settlement.RenderSeconds ?? 0));
        if (ended.ProjectId is { } projectId)
        {
            await connection.ExecuteAsync("""
                UPDATE projects SET status = @status::project_status, updated_at = now(), version = version + 1
                WHERE id = @projectId AND status = 'rendering'
                """, new { projectId, status = ended.Status == JobStatus.Completed ? "completed" : "draft" }, transaction);
        }
        var final = await JobEventLog.AppendAsync(connection, transaction, ended, ended.Status switch
        {
            JobStatus.Completed => JobEventType.Completed,
            JobStatus.Canceled => JobEventType.Canceled,
            _ => JobEventType.Failed,
        });
        await transaction.CommitAsync();
        events.Publish(ended, [final]);
        return (ended, expectedVersion + 1);
    }

    public async Task<(CreditChange Change, long NewVersion)> AdjustAsync(CreditPool pool, long expectedVersion, int delta, string reason, Guid? jobId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int after;
        try
        {
            after = await connection.QuerySingleOrDefaultAsync<int?>(
                $"UPDATE {Table(pool)} SET credits = credits + @delta, credits_version = credits_version + 1 WHERE id = @Id AND credits_version = @expectedVersion RETURNING credits",
                new { delta, pool.Id, expectedVersion }, transaction) ?? throw Stale(pool, expectedVersion);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new DomainException(ErrorCodes.InsufficientCredits, "Credits never go below zero.");
        }
        var owner = pool.Kind == CreditPoolKind.User ? OwnerUrn.ForUser(pool.Id) : OwnerUrn.ForTeam(pool.Id);
        var (ledgerId, createdAt) = await CreditLedger.RecordAsync(connection, transaction, pool, owner.ToString(), jobId, delta, after, reason);
        await transaction.CommitAsync();
        return (new CreditChange(ledgerId, owner.ToString(), delta, after, reason, jobId, createdAt), expectedVersion + 1);
    }

    private static string Table(CreditPool pool) => pool.Kind == CreditPoolKind.User ? "users" : "teams";

    private static StaleStateException Stale(CreditPool pool, long expectedVersion) => new($"credit pool {pool.Key}", expectedVersion);
}
