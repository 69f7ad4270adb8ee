using System.Collections.Concurrent;
using Framecast.Grains.Abstractions.RateLimits;

namespace Framecast.Api.RateLimiting;

/// <summary>
/// The last answer this silo had from each bucket grain, for the responses that do not ask the grain: requests
/// that are not counted (health, the API document) and requests let through while the grain cannot be reached.
/// Their <c>X-RateLimit-Limit</c> and <c>X-RateLimit-Reset</c> are exact (the tier's limit, the clock-aligned window's
/// end); their <c>X-RateLimit-Remaining</c> is the lowest figure this silo saw in the current window, or the whole
/// limit when it saw none: never less than what is really left.
/// </summary>
public sealed class BucketSightings(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RateLimitDecision> _last = new();
    private long _records;

    public void Record(string bucket, RateLimitDecision decision)
    {
        _last.AddOrUpdate(bucket, decision, (_, seen) =>
            seen.ResetAt > decision.ResetAt || (seen.ResetAt == decision.ResetAt && seen.Remaining < decision.Remaining) ? seen : decision);
        if (Interlocked.Increment(ref _records) % 1000 == 0)
        {
            var now = clock.GetUtcNow();
            foreach (var (key, stale) in _last)
            {
                if (stale.ResetAt <= now)
                {
                    _last.TryRemove(new KeyValuePair<string, RateLimitDecision>(key, stale));
                }
            }
        }
    }

    /// <summary>The bucket as last seen in the current window, without counting a request.</summary>
    public RateLimitDecision Peek(string bucket, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        var lengthMs = (long)window.TotalMilliseconds;
        var reset = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / lengthMs * lengthMs + lengthMs);
        var remaining = _last.TryGetValue(bucket, out var seen) && seen.ResetAt == reset ? Math.Min(seen.Remaining, limit) : limit;
        var retryAfter = (int)Math.Max(1, Math.Ceiling((reset - now).TotalSeconds));
        return new RateLimitDecision(true, limit, remaining, reset, retryAfter);
    }
}
