using Framecast.Bench.Scenarios;

namespace Framecast.Bench;

/// <summary>One run: where and how it ran, the baselines, the scenarios, and the ratios between them.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    int ProcessorCount,
    string OperatingSystem,
    double DurationSecondsPerScenario,
    int Concurrency,
    int Owners,
    int SseSubscribers,
    IReadOnlyList<ScenarioResult> Baselines,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<Comparison> Comparisons);
