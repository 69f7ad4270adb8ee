using Framecast.Grains.Abstractions;
using Framecast.Grains.Jobs;
using Framecast.Grains.Metrics;
using Framecast.Grains.Teams;
using Framecast.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Framecast.Grains.Tests.Accounts;

/// <summary>
/// The account grains on a real Orleans silo in this process, with their stores in memory: the
/// tests call them through grain references, so every answer and domain error crosses Orleans'
/// serializer as it does in production.
/// </summary>
public sealed class AccountGrains : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private AccountGrains(InProcessTestCluster cluster) => _cluster = cluster;

    public IGrainFactory Factory => _cluster.Client;

    public static async Task<AccountGrains> StartAsync(InMemoryAccounts db)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IUserStore>(db);
            silo.Services.AddSingleton<ITeamStore>(db);
            silo.Services.AddSingleton<ICreditPoolStore>(db);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddMetrics().AddSingleton<FramecastMetrics>();
            silo.Services.AddSerializer(serializer => serializer.AddFramecastTypes());
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddFramecastTypes()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new AccountGrains(cluster);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}

/// <summary>Calls on one grain reference, in the shape the tests read best.</summary>
public sealed class GrainCalls<TGrain>(TGrain grain)
{
    public Task<T> Call<T>(Func<TGrain, Task<T>> call) => call(grain);

    public Task Call(Func<TGrain, Task> call) => call(grain);
}
