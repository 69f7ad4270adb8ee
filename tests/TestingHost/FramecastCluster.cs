using Framecast.Silo.Hosting;
using Framecast.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Framecast.TestingHost;

/// <summary>
/// Orleans' test cluster of real silos in this process, wired as production wires them: ADO.NET
/// clustering, reminders and grain storage on a fresh database of the tests' PostgreSQL, and the
/// Framecast stores, worker backend and event fan-out. Settings go in as the environment would give them.
/// </summary>
public sealed class FramecastCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private FramecastCluster(TestCluster cluster, string databaseUrl)
    {
        _cluster = cluster;
        DatabaseUrl = databaseUrl;
    }

    public string DatabaseUrl { get; }

    public IReadOnlyList<SiloHandle> Silos => _cluster.Silos;

    /// <summary>The grain factory of the first running silo: what an API front end in that silo would use.</summary>
    public IGrainFactory GrainFactory => GrainFactoryOf(_cluster.Silos[0]);

    public IGrainFactory GrainFactoryOf(SiloHandle silo) => ServicesOf(silo).GetRequiredService<IGrainFactory>();

    public IServiceProvider ServicesOf(SiloHandle silo) => _cluster.GetSiloServiceProvider(silo.SiloAddress);

    /// <summary>Failure detection fast enough for tests, still comfortably above the test machine's pauses.</summary>
    public static IReadOnlyDictionary<string, string> FastMembership { get; } = new Dictionary<string, string>
    {
        ["ORLEANS_PROBE_TIMEOUT_MS"] = "1000",
        ["ORLEANS_MAX_PROBE_TIMEOUT_MS"] = "1500",
        ["ORLEANS_MISSED_PROBES_LIMIT"] = "3",
        ["ORLEANS_TABLE_REFRESH_MS"] = "2000",
    };

    /// <summary>Starts the cluster on a fresh database of the tests' PostgreSQL, or on <paramref name="databaseUrl"/>'s
    /// (a server of the test's own, which it may stop and start).</summary>
    public static async Task<FramecastCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? settings = null, string? databaseUrl = null)
    {
        databaseUrl ??= await PostgresServer.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(Framecast.Silo.Storage.DatabaseUrl.ToConnectionString(databaseUrl)))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.InitializeClientOnDeploy = false;
        var properties = new Dictionary<string, string>(FastMembership)
        {
            ["DATABASE_URL"] = databaseUrl,
            ["SILO_APPLY_MIGRATIONS"] = "false",
            ["ORLEANS_SERVICE_ID"] = builder.Options.ServiceId,
            ["ORLEANS_CLUSTER_ID"] = builder.Options.ClusterId,
            ["S3_ENDPOINT"] = S3Server.Options.Endpoint!,
            ["LOG_LEVEL"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            properties[key] = value;
        }
        foreach (var (key, value) in properties)
        {
            builder.Properties[key] = value;
        }
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FramecastCluster(cluster, databaseUrl);
    }

    public Task<SiloHandle> StartSiloAsync() => _cluster.StartAdditionalSiloAsync();

    /// <summary>A graceful stop, as on SIGTERM: grains deactivate and the silo leaves the membership.</summary>
    public Task StopSiloAsync(SiloHandle silo) => _cluster.StopSiloAsync(silo);

    /// <summary>A crash: the silo goes without a word, and the others must declare it dead.</summary>
    public Task KillSiloAsync(SiloHandle silo) => _cluster.KillSiloAsync(silo);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.StopAllSilosAsync();
        }
        finally
        {
            await _cluster.DisposeAsync();
            // Orleans' providers borrow from Npgsql's global pool for this database; its idle connections go now.
            await using var connection = new NpgsqlConnection(new SiloOptions { DatabaseUrl = DatabaseUrl }.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>Built by the test cluster for each silo; reads the settings from the silo's configuration.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddFramecastSilo(siloBuilder.Configuration);
            siloBuilder.UseFramecast(Settings.Read<SiloOptions>(siloBuilder.Configuration), endpoints: false);
        }
    }
}
