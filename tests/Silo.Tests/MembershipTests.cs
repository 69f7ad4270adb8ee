using Dapper;
using Framecast.Silo.Tests.Grains;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;
using Npgsql;

namespace Framecast.Silo.Tests;

/// <summary>The silos table: heartbeats, dead detection, graceful leave.</summary>
public sealed class MembershipTests
{
    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_the_others_and_a_stopped_one_is_marked_stopped()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(3, probe);
        var (survivor, killed, stopped) = (cluster.Silos[0].Id, cluster.Silos[1].Id, cluster.Silos[2].Id);

        await cluster.Silos[2].StopAsync();
        Assert.Equal("stopped", await StatusAsync(cluster, stopped));
        await cluster.Silos[1].KillAsync();
        Assert.Equal("active", await StatusAsync(cluster, killed));

        await Eventually.TrueAsync(async () => await StatusAsync(cluster, killed) == "dead", TimeSpan.FromSeconds(10),
            "the killed silo is declared dead");
        Assert.Equal("active", await StatusAsync(cluster, survivor));
        Assert.Equal("stopped", await StatusAsync(cluster, stopped));
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        Assert.NotNull(await connection.ExecuteScalarAsync<DateTime?>("SELECT ended_at FROM silos WHERE id = @id", new { id = killed }));
    }

    [Fact]
    public async Task A_killed_silo_runs_no_more_timer_turns()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(1, probe);
        var silo = cluster.Silos[0];
        await silo.GrainFactory.GetGrain<ITimerGrain>("zombie").Start(20);
        await Eventually.TrueAsync(() => probe.Counter("tick:zombie") >= 2, TimeSpan.FromSeconds(5), "the timer ticks");

        await silo.KillAsync();
        var atKill = probe.Counter("tick:zombie");
        await Task.Delay(300);
        Assert.True(probe.Counter("tick:zombie") <= atKill + 1, "a crashed silo kept running its grains' timers");
    }

    private static async Task<string?> StatusAsync(TestCluster cluster, Guid siloId)
    {
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        return await connection.ExecuteScalarAsync<string?>("SELECT status FROM silos WHERE id = @siloId", new { siloId });
    }
}
