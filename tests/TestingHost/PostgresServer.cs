using Npgsql;

namespace Framecast.TestingHost;

/// <summary>
/// The PostgreSQL server the tests use: the one DATABASE_URL names (as `just test` and CI set it),
/// or else a throwaway cluster this process starts with the Debian binaries and stops on exit.
/// Each test gets its own database on it, so tests never see each other's rows.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnectionString = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString.Value);
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
        return admin.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } url)
        {
            var builder = new NpgsqlConnectionStringBuilder(Silo.Storage.DatabaseUrl.ToConnectionString(url)) { Database = "postgres" };
            return builder.ConnectionString;
        }
        var bin = LocalProcess.Run("pg_config", "--bindir").Trim();
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            bin = "/usr/lib/postgresql/15/bin";
        }
        var root = Path.Combine(Path.GetTempPath(), "framecast-test-pg-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        if (LocalProcess.IsRoot)
        {
            LocalProcess.Run("chown", $"postgres {root}");
        }
        var data = Path.Combine(root, "data");
        var port = LocalProcess.FreePort();
        LocalProcess.Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync", asPostgres: true);
        LocalProcess.StartWatched(
            $"\"{Path.Combine(bin, "postgres")}\" -D {data} -p {port} -k {root} -c listen_addresses=127.0.0.1 " +
            "-c fsync=off -c synchronous_commit=off -c max_connections=400",
            asPostgres: true, cleanupDirectory: root);
        LocalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }
}
