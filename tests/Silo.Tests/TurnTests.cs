using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Tests.Grains;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Silo.Tests;

/// <summary>One silo: turns, ordering, errors and timeouts.</summary>
public sealed class TurnTests : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Clusters.StartAsync(1, _probe);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_increments_of_one_grain_store_exactly_a_thousand()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Increment())));

        Assert.Equal(1000, await _cluster.StoredCountAsync(nameof(ICounterGrain), key));
        Assert.Equal(1000, await _cluster.StoredVersionAsync(nameof(ICounterGrain), key));
        // Every call saw a distinct value: no two turns read the same state.
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
        Assert.Equal(0, _probe.Count($"conflict:{key:D}"));
    }

    [Fact]
    public async Task Calls_to_one_activation_run_one_at_a_time_in_arrival_order()
    {
        var grain = _cluster.GrainFactory.GetGrain<ISequenceGrain>("order-" + Guid.NewGuid());
        // Each Enter is dispatched when it is called, so this loop is the arrival order.
        var calls = Enumerable.Range(0, 300).Select(grain.Enter).ToList();
        await Task.WhenAll(calls);

        var snapshot = await grain.Snapshot();
        Assert.Equal(0, snapshot.Overlaps);
        Assert.Equal(1, snapshot.MaxInTurn);
        Assert.Equal(Enumerable.Range(0, 300), snapshot.Order);
    }

    [Fact]
    public async Task A_domain_exception_thrown_by_a_grain_reaches_the_caller_with_its_code_message_and_details()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.FailWith("PROJECT_JOB_ACTIVE", "a job is running"));

        Assert.Equal("PROJECT_JOB_ACTIVE", error.Error.Code);
        Assert.Equal(409, error.Error.HttpStatus);
        Assert.Equal("a job is running", error.Message);
        Assert.Equal(key.ToString("D"), error.Details!["grain"]);
        Assert.Equal(1, await grain.Increment());
    }

    [Fact]
    public async Task An_unexpected_exception_thrown_by_a_grain_reaches_the_caller_unwrapped_and_the_grain_stays_usable()
    {
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid());
        Assert.Equal(1, await grain.Increment());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.CrashWith("boom"));

        Assert.Equal("boom", error.Message);
        Assert.Equal(2, await grain.Increment());
    }

    [Fact]
    public async Task A_grain_is_activated_on_its_first_call_and_OnActivateAsync_runs_once()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        var id = GrainId.For<ICounterGrain>(key);
        Assert.DoesNotContain(id, _cluster.Silos[0].Runtime.ActiveGrains);
        Assert.Equal(0, _probe.Count($"activate:{key:D}"));

        await grain.Increment();
        await grain.Increment();

        Assert.Equal(1, _probe.Count($"activate:{key:D}"));
        Assert.Contains(id, _cluster.Silos[0].Runtime.ActiveGrains);
    }

    [Fact]
    public async Task DeactivateOnIdle_collects_the_activation_after_its_turn_and_the_next_call_reactivates_with_stored_state()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.Increment();
        await grain.Increment();

        await grain.Deactivate();
        await Eventually.TrueAsync(() => _probe.Count($"deactivate:{key:D}:{DeactivationReason.Requested}") == 1,
            TimeSpan.FromSeconds(5), "the activation is collected");
        Assert.DoesNotContain(GrainId.For<ICounterGrain>(key), _cluster.Silos[0].Runtime.ActiveGrains);

        Assert.Equal(2, await grain.Get());
        Assert.Equal(2, _probe.Count($"activate:{key:D}"));
    }
}

/// <summary>Call timeouts need a short CallTimeout, so they get their own cluster.</summary>
public sealed class CallTimeoutTests : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Clusters.StartAsync(1, _probe, o => o with { CallTimeout = TimeSpan.FromMilliseconds(300) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_call_that_waits_too_long_fails_with_TIMEOUT_is_not_run_late_and_the_grain_stays_usable()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        var slow = grain.SlowIncrement(1200);
        await Eventually.TrueAsync(() => _probe.Count($"slow-started:{key:D}") == 1, TimeSpan.FromSeconds(5), "the slow turn started");
        var queued = grain.Increment();

        var slowError = await Assert.ThrowsAsync<DomainException>(() => slow);
        Assert.Equal(ErrorCodes.Timeout, slowError.Error);
        var queuedError = await Assert.ThrowsAsync<DomainException>(() => queued);
        Assert.Equal(ErrorCodes.Timeout, queuedError.Error);

        // The slow turn itself still finishes; the queued call, whose caller gave up, never runs.
        await Eventually.TrueAsync(() => _probe.Count($"slow-finished:{key:D}") == 1, TimeSpan.FromSeconds(5), "the slow turn finished");
        Assert.Equal(1, await grain.Get());
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(2, await _cluster.StoredCountAsync(nameof(ICounterGrain), key));
    }
}

/// <summary>Idle collection needs a short idle timeout.</summary>
public sealed class CollectionTests : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Clusters.StartAsync(1, _probe, o => o with { IdleTimeout = TimeSpan.FromMilliseconds(500) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_idle_activation_is_collected_with_OnDeactivateAsync_and_a_new_call_reactivates_it_with_stored_state()
    {
        var key = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.Increment();
        await grain.Increment();
        await grain.Increment();
        Assert.Equal(1, _probe.Count($"activate:{key:D}"));

        await Eventually.TrueAsync(() => _probe.Count($"deactivate:{key:D}:{DeactivationReason.Idle}") == 1,
            TimeSpan.FromSeconds(5), "the idle activation is collected");
        Assert.DoesNotContain(GrainId.For<ICounterGrain>(key), _cluster.Silos[0].Runtime.ActiveGrains);

        Assert.Equal(3, await grain.Get());
        Assert.Equal(2, _probe.Count($"activate:{key:D}"));
    }

    [Fact]
    public async Task A_timer_ticks_as_a_turn_and_stops_when_its_activation_is_collected()
    {
        var key = "timer-" + Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.Start(30);
        await Eventually.TrueAsync(() => _probe.Counter($"tick:{key}") >= 3, TimeSpan.FromSeconds(5), "the timer ticks");

        // A 300 ms call would see ~10 ticks inside it if ticks were not turns.
        var before = _probe.Counter($"tick:{key}");
        await grain.Busy(300);
        Assert.Equal(0, await grain.Overlaps());
        await Eventually.TrueAsync(() => _probe.Counter($"tick:{key}") > before, TimeSpan.FromSeconds(5), "the timer ticks again after the call");

        // Ticks do not keep the grain alive: it is collected after the idle timeout, and the timer goes with it.
        await Eventually.TrueAsync(() => _probe.Count($"deactivate:{key}:{DeactivationReason.Idle}") == 1,
            TimeSpan.FromSeconds(5), "the activation is collected");
        var atCollection = _probe.Counter($"tick:{key}");
        await Task.Delay(300);
        Assert.Equal(atCollection, _probe.Counter($"tick:{key}"));
        Assert.DoesNotContain(new GrainId(nameof(ITimerGrain), key), _cluster.Silos[0].Runtime.ActiveGrains);
    }

    [Fact]
    public async Task A_keep_alive_timer_keeps_its_activation_from_being_collected()
    {
        var key = "keepalive-" + Guid.NewGuid();
        await _cluster.GrainFactory.GetGrain<ITimerGrain>(key).Start(30, keepAlive: true);

        // Four idle timeouts pass; the ticking grain is still the same activation.
        await Task.Delay(2000);

        Assert.Equal(0, _probe.Count($"deactivate:{key}:{DeactivationReason.Idle}"));
        Assert.Contains(new GrainId(nameof(ITimerGrain), key), _cluster.Silos[0].Runtime.ActiveGrains);
        Assert.True(_probe.Counter($"tick:{key}") > 20, "the timer kept ticking");
    }
}
