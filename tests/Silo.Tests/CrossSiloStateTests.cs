using System.Diagnostics.Metrics;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Silo.Runtime;
using Framecast.Silo.Tests.Grains;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;
using Xunit.Abstractions;

namespace Framecast.Silo.Tests;

/// <summary>Two silos on one database: versions, conflicts, retries and state-change notices.</summary>
public sealed class CrossSiloStateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Clusters.StartAsync(2, _probe);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Two_silos_incrementing_one_grain_concurrently_lose_no_update_and_resolve_real_conflicts_by_retrying()
    {
        var key = Guid.NewGuid();
        long conflicts = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SiloTelemetry.Name && instrument.Name == "framecast.grain.conflicts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.type" && (string?)tag.Value == nameof(IContendedCounterGrain))
                {
                    Interlocked.Add(ref conflicts, value);
                }
            }
        });
        listener.Start();

        var onA = _cluster.Silos[0].GrainFactory.GetGrain<IContendedCounterGrain>(key);
        var onB = _cluster.Silos[1].GrainFactory.GetGrain<IContendedCounterGrain>(key);
        var gaveUp = 0;
        // A call that exhausts its conflict retries fails with 409 CONCURRENT_MODIFICATION and must have
        // changed nothing; the client then retries it, as the error tells it to.
        async Task<int> IncrementUntilApplied(ICounterGrain grain)
        {
            while (true)
            {
                try
                {
                    return await grain.Increment();
                }
                catch (DomainException e) when (e.Error == ErrorCodes.ConcurrentModification)
                {
                    Interlocked.Increment(ref gaveUp);
                }
            }
        }
        var calls = Enumerable.Range(0, 300)
            .SelectMany(_ => new[] { Task.Run(() => IncrementUntilApplied(onA)), Task.Run(() => IncrementUntilApplied(onB)) })
            .ToList();
        await Task.WhenAll(calls);
        output.WriteLine($"conflicts: {_probe.Count($"conflict:{key:D}")}, calls that exhausted their retries: {gaveUp}");

        Assert.Equal(600, await _cluster.StoredCountAsync(nameof(IContendedCounterGrain), key));
        Assert.Equal(600, await _cluster.StoredVersionAsync(nameof(IContendedCounterGrain), key));
        // Each successful increment returned a distinct count.
        Assert.Equal(Enumerable.Range(1, 600), calls.Select(c => c.Result).Order());
        // The retry path was really exercised: conflicts happened, were counted, and made activations reload.
        var seenByGrain = _probe.Count($"conflict:{key:D}");
        Assert.True(seenByGrain > 0, "the two activations never conflicted, so this test proved nothing");
        Assert.Equal(seenByGrain, Interlocked.Read(ref conflicts));
        Assert.True(_probe.Count($"activate:{key:D}") >= 2 + seenByGrain,
            $"{seenByGrain} conflicts but only {_probe.Count($"activate:{key:D}")} activations/reloads");
        Assert.True(_probe.Count($"activate:{key:D}:{_cluster.Silos[0].Id}") >= 1);
        Assert.True(_probe.Count($"activate:{key:D}:{_cluster.Silos[1].Id}") >= 1);
    }

    [Fact]
    public async Task A_write_committed_on_one_silo_makes_the_other_silos_activation_reload_before_its_next_call()
    {
        var key = Guid.NewGuid();
        var onA = _cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key);
        var onB = _cluster.Silos[1].GrainFactory.GetGrain<ICounterGrain>(key);

        Assert.Equal(0, await onA.Get());
        Assert.Equal(1, await onB.Increment());
        Assert.Equal(2, await onB.Increment());

        // A cached 0 and makes no write of its own; only the notice can make it see B's value.
        await Eventually.TrueAsync(async () => await onA.Get() == 2, TimeSpan.FromSeconds(5), "silo A sees silo B's writes");
        Assert.Equal(3, await onA.Increment());
        Assert.Equal(0, _probe.Count($"conflict:{key:D}"));
        Assert.Equal(3, await _cluster.StoredCountAsync(nameof(ICounterGrain), key));
    }

    [Fact]
    public async Task Conflict_retries_are_bounded_and_then_fail_with_CONCURRENT_MODIFICATION()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<IAlwaysConflictingGrain>(key);
        var maxRetries = _cluster.Silos[0].Runtime.Options.MaxConflictRetries;

        var error = await Assert.ThrowsAsync<DomainException>(grain.Write);

        Assert.Equal(ErrorCodes.ConcurrentModification, error.Error);
        Assert.Equal(maxRetries + 1, _probe.Counter($"attempt:{key:D}"));
        // Every attempt ran on freshly loaded state.
        Assert.Equal(maxRetries + 1, _probe.Counter($"activate:{key:D}"));
    }

    [Fact]
    public async Task A_timer_never_ticks_on_a_grain_instance_that_a_reload_replaced()
    {
        var key = Guid.NewGuid();
        var siloA = _cluster.Silos[0].Id;
        var onA = _cluster.Silos[0].GrainFactory.GetGrain<IStatefulTimerGrain>(key);
        var onB = _cluster.Silos[1].GrainFactory.GetGrain<IStatefulTimerGrain>(key);
        await onA.Get();
        await Eventually.TrueAsync(() => _probe.CountPrefix($"tick:{siloA}:") >= 3, TimeSpan.FromSeconds(5), "A's timer ticks");

        // Writes on B make A's activation stale; A reloads on its next turn, which is a timer tick.
        for (var i = 0; i < 5; i++)
        {
            await onB.Increment();
            var activations = _probe.CountPrefix($"activate:{siloA}:");
            await Eventually.TrueAsync(() => _probe.CountPrefix($"activate:{siloA}:") > activations, TimeSpan.FromSeconds(5), "A reloads");
        }
        await Eventually.TrueAsync(async () => await onA.Get() == 5, TimeSpan.FromSeconds(5), "A sees B's writes");

        string? current = null;
        foreach (var e in _probe.Events.Where(e => e.Contains($":{siloA}:", StringComparison.Ordinal)))
        {
            var instance = e[(e.LastIndexOf(':') + 1)..];
            if (e.StartsWith("activate:", StringComparison.Ordinal))
            {
                current = instance;
            }
            else
            {
                Assert.True(instance == current, $"a tick ran on instance {instance} after instance {current} replaced it");
            }
        }
    }
}
