using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.TestingHost;

/// <summary>
/// Several silos in one test process on one fresh database, as Orleans' TestingHost gives:
/// each silo is its own host with its own runtime, membership row and LISTEN connection.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly Action<IServiceCollection> _configureServices;
    private readonly SiloOptions _options;
    private readonly ObjectStorageOptions _storage;

    private TestCluster(string databaseUrl, SiloOptions options, Action<IServiceCollection> configureServices, ObjectStorageOptions storage)
    {
        _storage = storage;
        DatabaseUrl = databaseUrl;
        _options = options with { DatabaseUrl = databaseUrl };
        _configureServices = configureServices;
    }

    /// <summary>Timings short enough for tests: heartbeats every 200 ms, dead after 1.5 s.</summary>
    public static SiloOptions FastOptions { get; } = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        DeadAfter = TimeSpan.FromMilliseconds(1500),
        ReminderPollInterval = TimeSpan.FromMilliseconds(100),
        CollectionInterval = TimeSpan.FromMilliseconds(250),
        IdleTimeout = TimeSpan.FromSeconds(30),
        CallTimeout = TimeSpan.FromSeconds(30),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
    };

    public string DatabaseUrl { get; }

    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The first running silo's factory: what an API front end in that silo would use.</summary>
    public IGrainFactory GrainFactory => _silos.First(s => s.IsRunning).GrainFactory;

    public static async Task<TestCluster> StartAsync(
        int siloCount,
        Action<IServiceCollection> configureServices,
        Func<SiloOptions, SiloOptions>? configureOptions = null,
        ObjectStorageOptions? storage = null)
    {
        var databaseUrl = await PostgresServer.CreateDatabaseAsync();
        var options = configureOptions?.Invoke(FastOptions) ?? FastOptions;
        var cluster = new TestCluster(databaseUrl, options, configureServices, storage ?? new ObjectStorageOptions());
        for (var i = 0; i < siloCount; i++)
        {
            await cluster.StartSiloAsync();
        }
        return cluster;
    }

    public async Task<TestSilo> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFramecastSilo(_options, _storage);
        _configureServices(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(host);
        _silos.Add(silo);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.StopAsync();
        }
    }
}
