using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Framecast.Api.Health;

public sealed class DatabaseHealth(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var migration = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("SELECT max(version) FROM schema_migrations", cancellationToken: cancellationToken));
        return HealthCheckResult.Healthy(data: new Dictionary<string, object>
        {
            ["schema_version"] = migration ?? "none",
            ["server_version"] = connection.PostgreSqlVersion.ToString(),
        });
    }
}
