using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>Writes the audit trail of a pool's balance and the monthly usage row, inside the caller's transaction.</summary>
internal static class CreditLedger
{
    public static Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CreditPool pool, JobRecord job, int delta, int balanceAfter, string reason) =>
        delta == 0 ? Task.CompletedTask : connection.ExecuteAsync("""
            INSERT INTO credit_ledger (id, owner_urn, user_id, team_id, delta, balance_after, reason, job_id)
            VALUES (@id, @owner, @userId, @teamId, @delta, @balanceAfter, @reason, @jobId)
            """, new
        {
            id = Guid.NewGuid(),
            owner = job.Owner,
            userId = pool.Kind == CreditPoolKind.User ? pool.Id : (Guid?)null,
            teamId = pool.Kind == CreditPoolKind.Team ? pool.Id : (Guid?)null,
            delta,
            balanceAfter,
            reason,
            jobId = job.Id,
        }, transaction);

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
