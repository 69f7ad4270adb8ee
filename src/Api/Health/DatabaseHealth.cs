using Dapper;
using Npgsql;

namespace Framecast.Api.Health;

public sealed class DatabaseHealth(NpgsqlDataSource dataSource) : IHealthComponent
{
    public string Name => "database";

    public bool IsCritical => true;

    public async Task<(HealthStatus, IReadOnlyDictionary<string, object?>?)> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var migration = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("SELECT max(version) FROM schema_migrations", cancellationToken: cancellationToken));
        return (HealthStatus.Healthy, new Dictionary<string, object?> { ["schema_version"] = migration, ["server_version"] = connection.PostgreSqlVersion.ToString() });
    }
}
