using Framecast.Silo.Tests.Grains;
using Framecast.Silo.Tests.Infrastructure;

namespace Framecast.Silo.Tests;

/// <summary>Durable reminders: survive silo restarts, fire once or periodically, never twice at once.</summary>
public sealed class ReminderTests
{
    [Fact]
    public async Task A_reminder_registered_before_its_silo_stops_fires_on_a_silo_started_later()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(1, probe);
        var first = cluster.Silos[0];
        await first.GrainFactory.GetGrain<IReminderGrain>("survivor").Register("wake", dueMs: 1000, periodMs: 0);
        await first.StopAsync();

        var second = await cluster.StartSiloAsync();

        await Eventually.TrueAsync(() => probe.Firings.Count == 1, TimeSpan.FromSeconds(10), "the reminder fires on the new silo");
        var firing = Assert.Single(probe.Firings);
        Assert.Equal(second.Id, firing.SiloId);
        Assert.Equal(("survivor", "wake"), (firing.GrainKey, firing.Name));
    }

    [Fact]
    public async Task A_one_shot_reminder_fires_once_and_is_removed()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(1, probe);
        await cluster.GrainFactory.GetGrain<IReminderGrain>("once").Register("ping", dueMs: 100, periodMs: 0);

        await Eventually.TrueAsync(() => probe.Firings.Count >= 1, TimeSpan.FromSeconds(5), "the reminder fires");
        await Eventually.TrueAsync(async () => await CountRemindersAsync(cluster.DatabaseUrl) == 0, TimeSpan.FromSeconds(5), "the one-shot row is deleted");
        await Task.Delay(500); // several poll intervals: a second firing would show up here
        Assert.Single(probe.Firings);
    }

    [Fact]
    public async Task A_periodic_reminder_repeats_until_unregistered()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(1, probe);
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("periodic");
        await grain.Register("beat", dueMs: 50, periodMs: 200);

        await Eventually.TrueAsync(() => probe.Firings.Count >= 3, TimeSpan.FromSeconds(5), "the reminder fires three times");
        var dueTimes = probe.Firings.Select(f => f.DueAt).ToList();
        Assert.Equal(dueTimes.Count, dueTimes.Distinct().Count());

        await grain.Unregister("beat");
        var afterUnregister = probe.Firings.Count;
        await Task.Delay(600);
        Assert.Equal(afterUnregister, probe.Firings.Count);
    }

    [Fact]
    public async Task Two_silos_polling_never_fire_one_due_reminder_twice()
    {
        var probe = new Probe { ReminderHold = TimeSpan.FromMilliseconds(150) };
        await using var cluster = await Clusters.StartAsync(2, probe);
        var keys = Enumerable.Range(0, 30).Select(i => $"shared-{i}").ToList();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<IReminderGrain>(key).Register("once", dueMs: 300, periodMs: 0);
        }
        // A periodic reminder whose firing takes most of its period.
        await cluster.GrainFactory.GetGrain<IReminderGrain>("periodic").Register("beat", dueMs: 0, periodMs: 200);

        await Eventually.TrueAsync(() => keys.All(k => probe.Firings.Any(f => f.GrainKey == k)), TimeSpan.FromSeconds(10), "every one-shot reminder fires");
        await Eventually.TrueAsync(() => probe.Firings.Count(f => f.GrainKey == "periodic") >= 5, TimeSpan.FromSeconds(10), "the periodic reminder fires five times");
        await Task.Delay(400); // several poll intervals of both silos
        var firings = probe.Firings;

        foreach (var key in keys)
        {
            Assert.Single(firings, f => f.GrainKey == key);
        }
        var periodic = firings.Where(f => f.GrainKey == "periodic").ToList();
        Assert.Equal(periodic.Count, periodic.Select(f => f.DueAt).Distinct().Count());
        for (var i = 0; i < periodic.Count; i++)
        {
            for (var j = i + 1; j < periodic.Count; j++)
            {
                Assert.False(periodic[i].Overlaps(periodic[j]), $"firings for {periodic[i].DueAt:O} and {periodic[j].DueAt:O} overlapped");
            }
        }
    }

    private static async Task<long> CountRemindersAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM reminders", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
