using Framecast.Grains.Abstractions.RateLimits;
using Orleans.Placement;

namespace Framecast.Grains.RateLimits;

/// <summary>
/// The fixed window of one bucket (see <see cref="IRateLimitBucketGrain"/>). A plain turn-based grain: each hit is
/// a few arithmetic steps, and serializing them is what makes the count exact. No storage: losing a window when a
/// silo dies is acceptable for a rate limit, a write per request is not.
/// </summary>
public sealed class RateLimitBucketGrain(TimeProvider clock) : Grain, IRateLimitBucketGrain
{
    private DateTimeOffset _windowEnd;
    private int _count;

    public Task<RateLimitDecision> HitAsync(int limit, int windowSeconds)
    {
        var now = clock.GetUtcNow();
        var windowEnd = RateLimitDecision.WindowEnd(now, windowSeconds);
        if (windowEnd != _windowEnd)
        {
            _windowEnd = windowEnd;
            _count = 0;
            // An idle bucket may be collected, but not before its window ends: that would forget its count.
            DelayDeactivation(windowEnd - now);
        }
        // Refused requests count as well; saturating keeps a flood from overflowing the count.
        _count = _count == int.MaxValue ? _count : _count + 1;
        var retryAfter = (int)Math.Max(1, Math.Ceiling((windowEnd - now).TotalSeconds));
        return Task.FromResult(new RateLimitDecision(_count <= limit, limit, Math.Max(0, limit - _count), windowEnd, retryAfter));
    }
}
