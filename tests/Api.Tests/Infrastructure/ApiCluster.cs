using Framecast.Silo.Storage;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;

namespace Framecast.Api.Tests.Infrastructure;

/// <summary>
/// Several API hosts, each co-hosting its silo, forming one Orleans cluster on one database, as
/// <c>SILOS=N just dev</c> runs them: a request may land on any silo.
/// </summary>
public sealed class ApiCluster : IAsyncDisposable
{
    private ApiCluster(IReadOnlyList<ApiFactory> hosts) => Hosts = hosts;

    public IReadOnlyList<ApiFactory> Hosts { get; }

    public static async Task<ApiCluster> StartAsync(int hosts, IReadOnlyDictionary<string, string> settings)
    {
        var databaseUrl = await PostgresServer.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(DatabaseUrl.ToConnectionString(databaseUrl)))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }
        var cluster = $"api-cluster-{Guid.NewGuid():N}";
        var started = new List<ApiFactory>();
        for (var i = 0; i < hosts; i++)
        {
            var host = new ApiFactory();
            foreach (var (key, value) in FramecastCluster.FastMembership.Concat(settings))
            {
                host.Settings[key] = value;
            }
            host.Settings["DATABASE_URL"] = databaseUrl;
            host.Settings["SILO_APPLY_MIGRATIONS"] = "false";
            host.Settings["ORLEANS_CLUSTER_ID"] = cluster;
            host.Settings["ORLEANS_SERVICE_ID"] = cluster;
            await host.InitializeAsync();
            _ = host.Server; // starts the host and its silo
            started.Add(host);
        }
        // Every silo must see the others before the test spreads requests over them.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (started.Any(h => h.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
                   .Count(m => m.Status == SiloStatus.Active) < hosts))
        {
            Assert.True(DateTime.UtcNow < deadline, "the silos did not form one cluster");
            await Task.Delay(100);
        }
        return new ApiCluster(started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts.Reverse())
        {
            await host.DisposeAsync();
        }
    }
}
