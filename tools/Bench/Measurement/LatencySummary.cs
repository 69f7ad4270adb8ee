namespace Framecast.Bench.Measurement;

/// <summary>Percentiles of one set of latencies, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, double.NaN, double.NaN, double.NaN);
}
