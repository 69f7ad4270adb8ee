namespace Framecast.Grains.Abstractions.RateLimits;

/// <summary>A bucket's answer for one request: what the <c>X-RateLimit-*</c> headers carry.</summary>
[GenerateSerializer, Immutable, Alias("framecast.RateLimitDecision")]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Limit,
    [property: Id(2)] int Remaining,
    [property: Id(3)] DateTimeOffset ResetAt,
    [property: Id(4)] int RetryAfterSeconds)
{
    /// <summary>The end of the fixed window holding <paramref name="now"/>: windows are aligned to the Unix epoch,
    /// so every silo computes the same one.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset now, int windowSeconds)
    {
        var lengthMs = windowSeconds * 1000L;
        return DateTimeOffset.FromUnixTimeMilliseconds((now.ToUnixTimeMilliseconds() / lengthMs + 1) * lengthMs);
    }
}
