using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Framecast.Bench.Scenarios;

namespace Framecast.Bench;

/// <summary>Prints a run as plain tables (measurements, then the ratios that travel between machines) and saves it as JSON.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(BenchReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Framecast benchmark — {report.ProcessorCount} cores, {report.DurationSecondsPerScenario:0} s per scenario, " +
            $"{report.Concurrency} clients, {report.Owners} owners, {report.SseSubscribers} SSE subscribers");
        output.WriteLine();
        output.WriteLine($"{"scenario",-52} {"throughput",24} {"p50 ms",9} {"p99 ms",9} {"max ms",9}");
        foreach (var result in report.Baselines)
        {
            Row(output, result, " (baseline)");
        }
        foreach (var result in report.Scenarios)
        {
            Row(output, result, "");
        }
        output.WriteLine();
        output.WriteLine("ratios (the figure to compare between machines)");
        foreach (var comparison in report.Comparisons)
        {
            output.WriteLine($"  {comparison.Scenario + " " + comparison.Measure + " ÷ " + comparison.Baseline + " " + comparison.Measure,-88} {comparison.Ratio,9:0.000}");
        }
        output.WriteLine();
        output.WriteLine("answers");
        foreach (var result in report.Baselines.Concat(report.Scenarios))
        {
            output.WriteLine($"  {result.Name}: {string.Join(", ", result.Outcomes.Select(o => $"{o.Key} ×{o.Value}"))}");
            if (result.Details is { Count: > 0 } details)
            {
                output.WriteLine($"    {string.Join(", ", details.Select(d => $"{d.Key} {d.Value.ToString("0.###", CultureInfo.InvariantCulture)}"))}");
            }
        }
    }

    public static async Task WriteJsonAsync(BenchReport report, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json), cancellationToken);
    }

    private static void Row(TextWriter output, ScenarioResult result, string suffix)
    {
        var throughput = result.Rate is { } rate ? $"{rate:#,0.0} {result.RateUnit}" : "—";
        output.WriteLine($"{result.Name + suffix,-52} {throughput,24} {Ms(result.Latency.P50Ms),9} {Ms(result.Latency.P99Ms),9} {Ms(result.Latency.MaxMs),9}");
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The ratios the issue asks for: each scenario beside the baseline that does the same kind of work.</summary>
    public static IReadOnlyList<Comparison> Compare(ScenarioResult bare, ScenarioResult pgbench, ScenarioResult admissions, ScenarioResult cycles,
        ScenarioResult reads, ScenarioResult fanout)
    {
        const string Pg = "pgbench TPC-B", Bare = "bare GET /v1/status";
        return
        [
            new("job admissions", Pg, "per second", Divide(admissions.Rate, pgbench.Rate)),
            new("job admission", Pg, "p99", Divide(admissions.Latency.P99Ms, pgbench.Latency.P99Ms)),
            new("admit-then-cancel cycles", Pg, "per second", Divide(cycles.Rate, pgbench.Rate)),
            new("GET /v1/jobs/:id", Bare, "per second", Divide(reads.Rate, bare.Rate)),
            new("GET /v1/jobs/:id", Bare, "p99", Divide(reads.Latency.P99Ms, bare.Latency.P99Ms)),
            new("SSE fan-out delay", Bare, "p99", Divide(fanout.Latency.P99Ms, bare.Latency.P99Ms)),
            new("SSE fan-out delay", Pg, "p99", Divide(fanout.Latency.P99Ms, pgbench.Latency.P99Ms)),
        ];
    }

    private static double Divide(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? n / d : double.NaN;
}
