using System.Diagnostics;

namespace Framecast.Bench.Measurement;

/// <summary>Collects latencies from many tasks (Stopwatch ticks, so no clock drift) and summarizes them.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = [];

    public void Record(long elapsedTicks)
    {
        lock (_gate)
        {
            _ticks.Add(elapsedTicks);
        }
    }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetTimestamp() - startTimestamp);

    public LatencySummary Summarize()
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }
        if (sorted.Length == 0)
        {
            return LatencySummary.Empty;
        }
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Milliseconds(Percentile(sorted, 0.50)), Milliseconds(Percentile(sorted, 0.99)), Milliseconds(sorted[^1]));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the samples at or below it.</summary>
    private static long Percentile(long[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
