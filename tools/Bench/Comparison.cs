namespace Framecast.Bench;

/// <summary>A scenario's figure divided by the same kind of figure of a baseline measured in the same run.</summary>
public sealed record Comparison(string Scenario, string Baseline, string Measure, double Ratio);
