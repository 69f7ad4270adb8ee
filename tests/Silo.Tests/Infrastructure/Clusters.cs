using Dapper;
using Framecast.Silo.Hosting;
using Framecast.Silo.Tests.Grains;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Framecast.Silo.Tests.Infrastructure;

/// <summary>A test cluster (own database) hosting every test grain, with the test's probe.</summary>
public static class Clusters
{
    public static Task<TestCluster> StartAsync(int siloCount, Probe probe, Func<SiloOptions, SiloOptions>? configureOptions = null) =>
        TestCluster.StartAsync(siloCount, services =>
        {
            services.AddSingleton(probe);
            services.AddGrain<ICounterGrain, CounterGrain>();
            services.AddGrain<IContendedCounterGrain, CounterGrain>();
            services.AddGrain<IAlwaysConflictingGrain, AlwaysConflictingGrain>();
            services.AddGrain<ISequenceGrain, SequenceGrain>();
            services.AddGrain<ITimerGrain, TimerGrain>();
            services.AddGrain<IStatefulTimerGrain, StatefulTimerGrain>();
            services.AddGrain<IReminderGrain, ReminderGrain>();
        }, configureOptions);

    public static async Task<int?> StoredCountAsync(this TestCluster cluster, string grainType, Guid key)
    {
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        return await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT (state->>'count')::int FROM grain_state WHERE grain_type = @grainType AND grain_key = @key",
            new { grainType, key = key.ToString("D") });
    }

    public static async Task<long?> StoredVersionAsync(this TestCluster cluster, string grainType, Guid key)
    {
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        return await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT version FROM grain_state WHERE grain_type = @grainType AND grain_key = @key",
            new { grainType, key = key.ToString("D") });
    }
}
