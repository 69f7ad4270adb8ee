namespace Framecast.Grains.Abstractions.RateLimits;

/// <summary>
/// One rate-limit bucket (a user, the operators, or an anonymous client address; the key is the bucket's name)
/// counting requests in fixed windows aligned to the clock. One activation in the cluster, so the limit holds
/// however many silos serve the bucket's requests. Its count lives in memory only: if its silo dies, the bucket
/// is activated again elsewhere with a fresh window, which lets at most one extra window's worth through; that is
/// an acceptable price for a rate limit, and it keeps the hot path free of storage.
/// </summary>
[Alias("framecast.IRateLimitBucketGrain")]
public interface IRateLimitBucketGrain : IGrainWithStringKey
{
    /// <summary>Counts one request against <paramref name="limit"/> in the current window of
    /// <paramref name="windowSeconds"/> and says whether it is within it.</summary>
    Task<RateLimitDecision> HitAsync(int limit, int windowSeconds);
}
