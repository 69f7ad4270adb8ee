using Dapper;
using Framecast.Grains.Abstractions.Runtime;
using Npgsql;

namespace Framecast.Silo.Reminders;

/// <summary>The reminders table: register, unregister, and the claim-fire-release cycle.</summary>
public sealed class ReminderTable(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan? period)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ms)
            VALUES (@Type, @Key, @name, now() + make_interval(secs => @due), @periodMs)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET due_at = EXCLUDED.due_at, period_ms = EXCLUDED.period_ms,
                generation = reminders.generation + 1, claimed_by = NULL, claimed_until = NULL
            """, new { grainId.Type, grainId.Key, name, due = dueTime.TotalSeconds, periodMs = (long?)period?.TotalMilliseconds });
    }

    public async Task DeleteAsync(GrainId grainId, string name)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM reminders WHERE grain_type = @Type AND grain_key = @Key AND name = @name",
            new { grainId.Type, grainId.Key, name });
    }

    /// <summary>Claims due reminders no other live claim holds; SKIP LOCKED keeps silos off each other's rows.</summary>
    public async Task<IReadOnlyList<DueReminder>> ClaimDueAsync(Guid siloId, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DueReminder>("""
            WITH due AS (
                SELECT grain_type, grain_key, name FROM reminders
                WHERE due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY due_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE reminders r
            SET claimed_by = @siloId, claimed_until = now() + make_interval(secs => @lease)
            FROM due
            WHERE r.grain_type = due.grain_type AND r.grain_key = due.grain_key AND r.name = due.name
            RETURNING r.grain_type AS GrainType, r.grain_key AS GrainKey, r.name AS Name, r.due_at AS DueAt,
                      r.period_ms AS PeriodMs, r.generation AS Generation
            """, new { siloId, lease = lease.TotalSeconds, limit })).ToList();
    }

    /// <summary>After a firing: a periodic reminder moves to its next due time, a one-shot one is gone.
    /// A reminder re-registered meanwhile (new generation) is left as it now is.</summary>
    public async Task CompleteAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var args = new { Type = reminder.GrainType, Key = reminder.GrainKey, reminder.Name, reminder.Generation };
        if (reminder.PeriodMs is null)
        {
            await connection.ExecuteAsync("""
                DELETE FROM reminders
                WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND generation = @Generation
                """, args);
            return;
        }
        await connection.ExecuteAsync("""
            UPDATE reminders
            SET due_at = greatest(due_at + make_interval(secs => period_ms / 1000.0), now()),
                claimed_by = NULL, claimed_until = NULL
            WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND generation = @Generation
            """, args);
    }

    /// <summary>A firing failed: release the claim and try again after a pause.</summary>
    public async Task ReleaseAsync(DueReminder reminder, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE reminders
            SET due_at = now() + make_interval(secs => @retry), claimed_by = NULL, claimed_until = NULL
            WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND generation = @Generation
            """, new { Type = reminder.GrainType, Key = reminder.GrainKey, reminder.Name, reminder.Generation, retry = retryAfter.TotalSeconds });
    }
}

public sealed record DueReminder(string GrainType, string GrainKey, string Name, DateTime DueAt, long? PeriodMs, long Generation);
