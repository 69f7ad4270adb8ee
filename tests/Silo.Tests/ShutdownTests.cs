using Framecast.Grains.Abstractions.Errors;
using Framecast.Silo.Tests.Grains;
using Framecast.Silo.Tests.Infrastructure;

namespace Framecast.Silo.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task A_call_in_flight_when_the_silo_stops_completes_and_calls_after_stop_fail_with_SERVICE_UNAVAILABLE()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(1, probe);
        var silo = cluster.Silos[0];
        var key = Guid.NewGuid();
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.Increment();

        var inFlight = grain.SlowIncrement(700);
        await Eventually.TrueAsync(() => probe.Count($"slow-started:{key:D}") == 1, TimeSpan.FromSeconds(5), "the slow call started");
        var stopping = silo.StopAsync();

        // While the silo drains, a new call is refused rather than queued.
        DomainException? duringStop = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await silo.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid()).Get();
                return false;
            }
            catch (DomainException e)
            {
                duringStop = e;
                return true;
            }
        }, TimeSpan.FromSeconds(5), "the stopping silo refuses new calls");
        Assert.Equal(ErrorCodes.Unavailable, duringStop!.Error);
        Assert.False(inFlight.IsCompleted, "the in-flight call should still be running while the silo drains");

        Assert.Equal(2, await inFlight);
        await stopping;
        Assert.Equal(1, probe.Count($"deactivate:{key:D}:SiloStopping"));
        Assert.Equal(2, await cluster.StoredCountAsync(nameof(ICounterGrain), key));

        var afterStop = await Assert.ThrowsAsync<DomainException>(grain.Get);
        Assert.Equal(ErrorCodes.Unavailable, afterStop.Error);
    }
}
