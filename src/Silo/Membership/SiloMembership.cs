using Dapper;
using Framecast.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Membership;

/// <summary>
/// The silos table: this silo's row, its heartbeats, and the verdict on silos whose heartbeats
/// stopped. Time is the database's clock, so silos never compare their own clocks.
/// </summary>
public sealed class SiloMembership(NpgsqlDataSource dataSource, SiloIdentity silo, SiloOptions options, ILogger<SiloMembership> logger)
{
    public DateTimeOffset? LastHeartbeat { get; private set; }

    /// <summary>Raised with the ids of silos this silo has just declared dead.</summary>
    public event Action<IReadOnlyList<Guid>>? SilosDeclaredDead;

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO silos (id, host, process_id) VALUES (@Id, @Host, @ProcessId)",
            new { silo.Id, silo.Host, silo.ProcessId });
        LastHeartbeat = DateTimeOffset.UtcNow;
        logger.LogInformation("Silo {SiloId} joined the cluster", silo.Id);
    }

    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var wasDead = await connection.ExecuteScalarAsync<bool>("""
            UPDATE silos SET heartbeat_at = now(), status = 'active', ended_at = NULL
            WHERE id = @Id
            RETURNING (SELECT status = 'dead' FROM silos WHERE id = @Id)
            """, new { silo.Id });
        if (wasDead)
        {
            logger.LogWarning("Silo {SiloId} had been declared dead by the cluster; it is active again", silo.Id);
        }
        LastHeartbeat = DateTimeOffset.UtcNow;
        var dead = (await connection.QueryAsync<Guid>("""
            UPDATE silos SET status = 'dead', ended_at = now()
            WHERE status = 'active' AND id <> @Id AND heartbeat_at < now() - make_interval(secs => @deadAfter)
            RETURNING id
            """, new { silo.Id, deadAfter = options.DeadAfter.TotalSeconds })).ToList();
        if (dead.Count > 0)
        {
            foreach (var id in dead)
            {
                logger.LogWarning("Silo {DeadSiloId} missed its heartbeats and was declared dead", id);
            }
            SilosDeclaredDead?.Invoke(dead);
        }
    }

    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE silos SET status = 'stopped', ended_at = now() WHERE id = @Id", new { silo.Id });
        logger.LogInformation("Silo {SiloId} left the cluster", silo.Id);
    }

    public async Task<IReadOnlyList<SiloRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<SiloRecord>("""
            SELECT id, host, process_id AS ProcessId, started_at AS StartedAt, heartbeat_at AS HeartbeatAt, status, ended_at AS EndedAt
            FROM silos ORDER BY started_at DESC LIMIT 100
            """)).ToList();
    }
}

public sealed record SiloRecord(Guid Id, string Host, int ProcessId, DateTime StartedAt, DateTime HeartbeatAt, string Status, DateTime? EndedAt);
