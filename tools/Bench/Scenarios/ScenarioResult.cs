namespace Framecast.Bench.Scenarios;

/// <summary>What one scenario or baseline measured: a rate (when it has one), latencies, and every kind of answer.</summary>
public sealed record ScenarioResult(
    string Name,
    double? Rate,
    string RateUnit,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyDictionary<string, double>? Details = null);
