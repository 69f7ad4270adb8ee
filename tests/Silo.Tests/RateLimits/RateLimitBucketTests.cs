using Framecast.Grains.Abstractions.RateLimits;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Silo.Tests.RateLimits;

/// <summary>The bucket grain on a real three-silo cluster: one window for the cluster, and what a silo's death costs.</summary>
public sealed class RateLimitBucketTests : IAsyncLifetime
{
    private const int Window = 3600;
    private FramecastCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await FramecastCluster.StartAsync(3, new Dictionary<string, string> { ["GRAIN_CALL_TIMEOUT_MS"] = "5000" });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Concurrent_hits_from_three_silos_share_one_window_and_exactly_the_limit_passes()
    {
        var bucket = $"user:{Guid.NewGuid():N}";
        var hits = _cluster.Silos.SelectMany(silo => Enumerable.Range(0, 40)
            .Select(_ => _cluster.GrainFactoryOf(silo).GetGrain<IRateLimitBucketGrain>(bucket).HitAsync(60, Window)));

        var decisions = await Task.WhenAll(hits);

        var allowed = decisions.Where(d => d.Allowed).ToList();
        Assert.Equal(60, allowed.Count);
        Assert.Equal(Enumerable.Range(0, 60), allowed.Select(d => d.Remaining).Order());
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(0, d.Remaining));
        Assert.Single(decisions.Select(d => d.ResetAt).Distinct());
    }

    [Fact]
    public async Task When_the_buckets_silo_dies_its_window_restarts_on_another_silo()
    {
        var bucket = $"ip:{Guid.NewGuid():N}";
        var grain = _cluster.GrainFactory.GetGrain<IRateLimitBucketGrain>(bucket);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await grain.HitAsync(5, Window)).Allowed);
        }
        Assert.False((await grain.HitAsync(5, Window)).Allowed);
        var host = await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        var dying = _cluster.Silos.Single(s => s.SiloAddress.Equals(host));
        var survivor = _cluster.Silos.First(s => !s.SiloAddress.Equals(host));

        await _cluster.KillSiloAsync(dying);

        // Kept in memory only, by choice: the bucket comes back empty, so its owner gets a fresh window.
        RateLimitDecision? after = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                after = await _cluster.GrainFactoryOf(survivor).GetGrain<IRateLimitBucketGrain>(bucket).HitAsync(5, Window);
                return true;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the bucket answers from a surviving silo");
        Assert.True(after!.Allowed);
        Assert.Equal(4, after.Remaining);
    }
}
