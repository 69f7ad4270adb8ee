using System.Collections.Concurrent;

namespace Framecast.Api.RateLimiting;

/// <summary>Request counts per bucket (a user, or an anonymous client address) in fixed windows aligned to the clock.
/// Per silo: each silo counts what it serves.</summary>
public sealed class FixedWindowCounters(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _calls;

    public sealed record Decision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, int RetryAfterSeconds);

    private sealed class Window(long start)
    {
        public long Start { get; } = start;

        public int Count;
    }

    /// <summary>Counts one request (unless <paramref name="consume"/> is false) and says whether it is within the limit.</summary>
    public Decision Hit(string bucket, int limit, TimeSpan length, bool consume = true)
    {
        var now = clock.GetUtcNow();
        var lengthMs = (long)length.TotalMilliseconds;
        var start = now.ToUnixTimeMilliseconds() / lengthMs * lengthMs;
        var window = _windows.AddOrUpdate(bucket, _ => new Window(start), (_, existing) => existing.Start == start ? existing : new Window(start));
        var count = consume ? Interlocked.Increment(ref window.Count) : Volatile.Read(ref window.Count);
        var reset = DateTimeOffset.FromUnixTimeMilliseconds(start + lengthMs);
        if (Interlocked.Increment(ref _calls) % 1000 == 0)
        {
            foreach (var (key, stale) in _windows)
            {
                if (stale.Start < start)
                {
                    _windows.TryRemove(new KeyValuePair<string, Window>(key, stale));
                }
            }
        }
        var retryAfter = (int)Math.Max(1, Math.Ceiling((reset - now).TotalSeconds));
        return new Decision(count <= limit, limit, Math.Max(0, limit - count), reset, retryAfter);
    }
}
