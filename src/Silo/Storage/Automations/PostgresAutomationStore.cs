using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Automations;
using Framecast.Grains.Persistence;
using Npgsql;

namespace Framecast.Silo.Storage.Automations;

/// <summary>The automation grain's rows: one statement per write, the row's writes conditional on its version.</summary>
public sealed class PostgresAutomationStore(NpgsqlDataSource dataSource) : IAutomationStore
{
    public async Task<AutomationSnapshot?> LoadAsync(Guid automationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AutomationRow>(
            $"SELECT {AutomationRow.Columns} FROM automations a WHERE a.id = @automationId", new { automationId });
        return row?.ToSnapshot();
    }

    public async Task<AutomationSnapshot> InsertAsync(Guid automationId, NewAutomation automation, string? secret)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var row = await connection.QuerySingleAsync<AutomationRow>($"""
                WITH a AS (
                    INSERT INTO automations (id, project_id, team_id, created_by, name, enabled, trigger_type, cron, timezone, variables, job_options, secret)
                    VALUES (@automationId, @ProjectId, @TeamId, @CreatedBy, @Name, @Enabled, @triggerType, @cron, @timeZone,
                            @variables::jsonb, @JobOptionsJson::jsonb, @secret)
                    RETURNING *)
                SELECT {AutomationRow.Columns} FROM a
                """, new
            {
                automationId, automation.ProjectId, automation.TeamId, automation.CreatedBy, automation.Name, automation.Enabled,
                triggerType = automation.Trigger.Type.ToDb(), cron = automation.Trigger.Cron, timeZone = automation.Trigger.TimeZone,
                variables = JsonSerializer.Serialize(automation.Variables), automation.JobOptionsJson, secret,
            });
            return row.ToSnapshot();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.",
                new Dictionary<string, object?> { ["project_id"] = automation.ProjectId });
        }
    }

    public async Task<AutomationSnapshot> UpdateAsync(Guid automationId, long expectedVersion, AutomationRecord next, DateTimeOffset scheduleFrom)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AutomationRow>($"""
            WITH a AS (
                UPDATE automations SET name = @Name, enabled = @Enabled, cron = @cron, timezone = @timeZone, variables = @variables::jsonb,
                    job_options = @JobOptionsJson::jsonb, disabled_reason = @DisabledReason, schedule_from = @scheduleFrom, version = version + 1
                WHERE id = @automationId AND version = @expectedVersion
                RETURNING *)
            SELECT {AutomationRow.Columns} FROM a
            """, new
        {
            automationId, expectedVersion, next.Name, next.Enabled, cron = next.Trigger.Cron, timeZone = next.Trigger.TimeZone,
            variables = JsonSerializer.Serialize(next.Variables), next.JobOptionsJson, next.DisabledReason, scheduleFrom = scheduleFrom.UtcDateTime,
        });
        return row?.ToSnapshot() ?? throw new StaleStateException($"automation {automationId:D}", expectedVersion);
    }

    public async Task<(AutomationSnapshot Automation, IReadOnlyList<Guid> Webhooks)> DisableAsync(Guid automationId, long expectedVersion, string reason)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AutomationRow>($"""
            WITH a AS (
                UPDATE automations SET enabled = false, disabled_reason = @reason, version = version + 1
                WHERE id = @automationId AND version = @expectedVersion
                RETURNING *)
            SELECT {AutomationRow.Columns} FROM a
            """, new { automationId, expectedVersion, reason }, transaction)
            ?? throw new StaleStateException($"automation {automationId:D}", expectedVersion);
        // The same envelope as job events', with the automation instead of a job; the webhook grains send it.
        var webhooks = (await connection.QueryAsync<Guid>("""
            INSERT INTO webhook_deliveries (id, webhook_id, job_id, event_type, payload)
            SELECT d.id, d.webhook_id, NULL, @eventType,
                   jsonb_build_object('event', @eventType, 'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                      'delivery_id', d.id, 'automation', @automation::jsonb)
            FROM (SELECT gen_random_uuid() AS id, w.id AS webhook_id FROM webhooks w
                  WHERE w.team_id = @teamId AND w.is_active AND @eventType::webhook_event_type = ANY (w.events)
                  ORDER BY w.id) d
            RETURNING webhook_id
            """, new
        {
            eventType = WebhookEventTypes.AutomationDisabled,
            teamId = row.TeamId,
            automation = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = row.Id,
                ["project_id"] = row.ProjectId,
                ["team_id"] = row.TeamId,
                ["name"] = row.Name,
                ["enabled"] = false,
                ["disabled_reason"] = reason,
            }),
        }, transaction)).ToList();
        await transaction.CommitAsync();
        return (row.ToSnapshot(), webhooks);
    }

    public async Task DeleteAsync(Guid automationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM automations WHERE id = @automationId", new { automationId });
    }

    public async Task<DateTimeOffset?> LastScheduledForAsync(Guid automationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var at = await connection.ExecuteScalarAsync<DateTime?>(
            "SELECT max(scheduled_for) FROM automation_executions WHERE automation_id = @automationId", new { automationId });
        return at is { } value ? AutomationRow.Utc(value) : null;
    }

    public async Task<bool> ClaimAsync(NewExecution execution)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // The unique (automation_id, scheduled_for) decides between activations; other triggers leave it null (never equal).
        try
        {
            return await connection.ExecuteAsync("""
                INSERT INTO automation_executions (id, automation_id, trigger_type, scheduled_for, triggered_at, status, trigger_data)
                VALUES (@Id, @AutomationId, @triggerType, @scheduledFor, @triggeredAt, 'pending', @TriggerDataJson::jsonb)
                ON CONFLICT (automation_id, scheduled_for) DO NOTHING
                """, new
            {
                execution.Id, execution.AutomationId, triggerType = execution.TriggerType.ToDb(),
                scheduledFor = execution.ScheduledFor?.UtcDateTime, triggeredAt = execution.TriggeredAt.UtcDateTime, execution.TriggerDataJson,
            }) == 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new DomainException(ErrorCodes.AutomationNotFound, "No such automation.");
        }
    }

    public async Task<IReadOnlyList<PendingExecution>> PendingAsync(Guid automationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ExecutionRow>(
            $"SELECT {ExecutionRow.Columns} FROM {ExecutionRow.From} WHERE e.automation_id = @automationId AND e.status = 'pending' ORDER BY e.created_at, e.id",
            new { automationId });
        return rows.Select(r => new PendingExecution(r.ToRecord(), r.TriggerData)).ToList();
    }

    public async Task<IReadOnlyList<Guid>> ListWithPendingAsync(DateTimeOffset claimedBefore)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = await connection.QueryAsync<Guid>(
            "SELECT DISTINCT automation_id FROM automation_executions WHERE status = 'pending' AND created_at < @claimedBefore",
            new { claimedBefore });
        return [.. ids];
    }

    public async Task<ExecutionRecord> SettleAsync(Guid executionId, ExecutionStatus status, Guid? jobId, string? reason, string? message)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<ExecutionRow>($"""
            WITH e AS (
                UPDATE automation_executions SET status = @status, job_id = @jobId, reason = @reason, message = @message
                WHERE id = @executionId
                RETURNING *)
            SELECT {ExecutionRow.Columns} FROM e LEFT JOIN jobs j ON j.id = e.job_id
            """, new { executionId, status = status.ToDb(), jobId, reason, message });
        return row.ToRecord();
    }

    public async Task<IReadOnlyList<ExecutionOutcome>> RecentOutcomesAsync(Guid automationId, DateTimeOffset since, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ExecutionRow>(
            $"SELECT {ExecutionRow.Columns} FROM {ExecutionRow.From} WHERE e.automation_id = @automationId AND e.created_at >= @since ORDER BY e.created_at DESC, e.id DESC LIMIT @count",
            new { automationId, count, since = since.UtcDateTime });
        return rows.Select(r => r.ToRecord()).Select(e => new ExecutionOutcome(e.Status, e.JobStatus, e.Reason)).ToList();
    }

    public async Task<bool> AcceptSignatureAsync(Guid automationId, string signature)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            return await connection.ExecuteAsync("""
                INSERT INTO automation_hook_signatures (automation_id, signature) VALUES (@automationId, @signature)
                ON CONFLICT DO NOTHING
                """, new { automationId, signature }) == 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The automation went with its project or team since its grain read it.
            throw new DomainException(ErrorCodes.AutomationNotFound, "No such automation.");
        }
    }

    public async Task<IReadOnlyList<Guid>> AssetAutomationsAsync(Guid teamId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Guid>(
            "SELECT id FROM automations WHERE team_id = @teamId AND trigger_type = 'asset_upload' AND enabled ORDER BY id", new { teamId })).ToList();
    }

    public async Task<int> CleanupAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT cleanup_old_automation_rows()");
    }
}
