using System.Collections.Concurrent;
using System.Diagnostics;

namespace Framecast.Silo.Tests.Infrastructure;

/// <summary>
/// What the test grains saw, shared by every silo of one test's cluster (they live in one process).
/// Registered as a singleton in each silo's container, so grains get it by constructor injection.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<ReminderFiring> _firings = new();
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Events => [.. _events];

    public IReadOnlyList<ReminderFiring> Firings => [.. _firings];

    /// <summary>How long a reminder firing holds its turn (to make overlapping firings visible).</summary>
    public TimeSpan ReminderHold { get; set; } = TimeSpan.Zero;

    public void Record(string @event) => _events.Enqueue(@event);

    public int Count(string @event) => _events.Count(e => e == @event);

    public int CountPrefix(string prefix) => _events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));

    public int Bump(string counter) => _counters.AddOrUpdate(counter, 1, (_, n) => n + 1);

    public int Counter(string counter) => _counters.GetValueOrDefault(counter);

    public void AddFiring(ReminderFiring firing) => _firings.Enqueue(firing);
}

public sealed record ReminderFiring(string GrainKey, string Name, Guid SiloId, DateTimeOffset DueAt, long StartedTicks, long EndedTicks)
{
    public bool Overlaps(ReminderFiring other) => StartedTicks < other.EndedTicks && other.StartedTicks < EndedTicks;

    public static long Now => Stopwatch.GetTimestamp();
}
