namespace Framecast.TestingHost;

/// <summary>
/// A PostgreSQL server of this test process's own, from the Debian binaries: started with pg_ctl so a test
/// can stop and start it again on the same data (a database restart), and ended by a watchdog when this
/// process goes, however it goes.
/// </summary>
public sealed class PostgresInstance : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;

    private PostgresInstance(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>The maintenance database's connection string.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static PostgresInstance Start()
    {
        var bin = LocalProcess.Run("pg_config", "--bindir").Trim();
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            bin = "/usr/lib/postgresql/15/bin";
        }
        // Short: the server's socket lives in it, and socket paths are limited to about 100 bytes.
        var root = Path.Combine(Path.GetTempPath(), $"framecast-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        if (LocalProcess.IsRoot)
        {
            LocalProcess.Run("chown", $"postgres {root}");
        }
        var instance = new PostgresInstance(bin, root, LocalProcess.FreePort());
        LocalProcess.Run(Path.Combine(bin, "initdb"), $"-D {instance._data} -U postgres --auth=trust -E UTF8 --no-sync", asPostgres: true);
        LocalProcess.WatchUntilExit($"{Path.Combine(bin, "pg_ctl")} -D {instance._data} -m immediate stop; rm -rf '{root}'", asPostgres: true);
        instance.StartServer();
        return instance;
    }

    /// <summary>A fast shutdown, as an operator's restart does: sessions are ended and new connections refused.</summary>
    public void StopServer() =>
        LocalProcess.Run(Path.Combine(_bin, "pg_ctl"), $"-D {_data} -m fast -w stop", asPostgres: true);

    public void StartServer() =>
        LocalProcess.Run(Path.Combine(_bin, "pg_ctl"),
            $"-D {_data} -l {_root}/server.log -w -t 60 -o \"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 " +
            "-c fsync=off -c synchronous_commit=off -c max_connections=400\" start",
            asPostgres: true);

    public Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync(AdminConnectionString);

    public ValueTask DisposeAsync()
    {
        try
        {
            LocalProcess.Run(Path.Combine(_bin, "pg_ctl"), $"-D {_data} -m immediate -w stop", asPostgres: true);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        if (LocalProcess.IsRoot)
        {
            LocalProcess.Run("rm", $"-rf {_root}");
        }
        else
        {
            Directory.Delete(_root, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
