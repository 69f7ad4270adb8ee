using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>Writes the audit trail of a pool's balance and the monthly usage row, inside the caller's transaction.</summary>
internal static class CreditLedger
{
    /// <summary>One ledger row (none for a zero delta); returns its id and time.</summary>
    public static async Task<(Guid Id, DateTimeOffset CreatedAt)> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CreditPool pool, string owner, Guid? jobId, int delta, int balanceAfter, string reason)
    {
        if (delta == 0)
        {
            return (Guid.Empty, DateTimeOffset.UtcNow);
        }
        var id = Guid.NewGuid();
        var createdAt = await connection.QuerySingleAsync<DateTime>("""
            INSERT INTO credit_ledger (id, owner_urn, user_id, team_id, delta, balance_after, reason, job_id)
            VALUES (@id, @owner, @userId, @teamId, @delta, @balanceAfter, @reason, @jobId)
            RETURNING created_at
            """, new
        {
            id,
            owner,
            userId = pool.Kind == CreditPoolKind.User ? pool.Id : (Guid?)null,
            teamId = pool.Kind == CreditPoolKind.Team ? pool.Id : (Guid?)null,
            delta,
            balanceAfter,
            reason,
            jobId,
        }, transaction);
        return (id, JobRow.Utc(createdAt));
    }

    /// <summary>Adds to the owner's usage row of the current UTC month, creating it when missing.</summary>
    public static Task AddUsageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string owner,
        int renders = 0, int creditsUsed = 0, int creditsRefunded = 0, int renderSeconds = 0) =>
        connection.ExecuteAsync("""
            INSERT INTO usage (owner, period, renders_count, credits_used, credits_refunded, render_seconds)
            VALUES (@owner, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM'), @renders, @creditsUsed, @creditsRefunded, @renderSeconds)
            ON CONFLICT (owner, period) DO UPDATE SET
                renders_count = usage.renders_count + EXCLUDED.renders_count,
                credits_used = usage.credits_used + EXCLUDED.credits_used,
                credits_refunded = usage.credits_refunded + EXCLUDED.credits_refunded,
                render_seconds = usage.render_seconds + EXCLUDED.render_seconds,
                updated_at = now()
            """, new { owner, renders, creditsUsed, creditsRefunded, renderSeconds }, transaction);
}
