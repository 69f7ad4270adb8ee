using Npgsql;

namespace Framecast.TestingHost;

/// <summary>
/// The PostgreSQL server the tests use: the one DATABASE_URL names (as `just test` and CI set it),
/// or else a throwaway <see cref="PostgresInstance"/> this process starts and its watchdog ends.
/// Each test gets its own database on it, so tests never see each other's rows.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnectionString = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Held for the life of the test process when no DATABASE_URL is given.</summary>
    private static PostgresInstance? _own;

    public static Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(AdminConnectionString.Value);

    /// <summary>A fresh database on the server of <paramref name="adminConnectionString"/>, as a pooled connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var name = "fc_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        admin.Database = name;
        admin.Pooling = true;
        admin.MaxPoolSize = 100;
        // A test's pools outlive its cluster; idle connections close within seconds so that a suite of
        // hundreds of databases stays under the server's connection limit.
        admin.ConnectionIdleLifetime = 3;
        admin.ConnectionPruningInterval = 1;
        return admin.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } url)
        {
            var builder = new NpgsqlConnectionStringBuilder(Silo.Storage.DatabaseUrl.ToConnectionString(url)) { Database = "postgres" };
            return builder.ConnectionString;
        }
        _own = PostgresInstance.Start();
        return _own.AdminConnectionString;
    }
}
