using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Framecast.Bench.Scenarios;

namespace Framecast.Bench.Baselines;

/// <summary>
/// pgbench's TPC-B on the API's own PostgreSQL server, in a database of its own (<c>framecast_bench</c>) so the
/// API's data is untouched. One branch per owner: TPC-B serializes on its branch rows as admissions serialize on
/// their owner, so the two contend alike. Same client count and duration as the API scenarios.
/// </summary>
public sealed partial class PgBench(PostgresTarget target, BenchSettings settings)
{
    public const string Database = "framecast_bench";
    private static readonly TimeSpan InitializeTimeout = TimeSpan.FromMinutes(10);

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var pgbench = await PostgresTools.FindAsync("pgbench", cancellationToken);
        var psql = await PostgresTools.FindAsync("psql", cancellationToken);
        var scale = settings.Owners;
        await EnsureDatabaseAsync(psql, cancellationToken);
        await EnsureInitializedAsync(psql, pgbench, scale, cancellationToken);

        var logs = Directory.CreateTempSubdirectory("framecast-pgbench-");
        try
        {
            var clients = settings.Concurrency;
            var seconds = (int)Math.Ceiling(settings.Duration.TotalSeconds);
            var run = RequireSuccess("pgbench", await ExternalCommand.RunAsync(pgbench,
                [.. target.ConnectionArguments(Database), "-c", Text(clients), "-j", Text(Math.Min(clients, Environment.ProcessorCount)),
                    "-T", Text(seconds), "-l", "--log-prefix", Path.Combine(logs.FullName, "tx")],
                target.Environment(), TimeSpan.FromSeconds(seconds) + InitializeTimeout, cancellationToken));
            var tps = Number(TpsLine(), run.StandardOutput, "tps");
            var latency = TransactionLatencies(logs).Summarize();
            return new ScenarioResult($"pgbench TPC-B (scale {scale}, {clients} clients)", tps, "tx/s", latency,
                new Dictionary<string, long> { ["transactions"] = latency.Count },
                new Dictionary<string, double> { ["latency_average_ms"] = Number(LatencyAverageLine(), run.StandardOutput, "latency average") });
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private async Task EnsureDatabaseAsync(string psql, CancellationToken cancellationToken)
    {
        var exists = RequireSuccess("psql", await Psql(psql, "postgres", $"SELECT 1 FROM pg_database WHERE datname = '{Database}'", cancellationToken));
        if (exists.StandardOutput.Trim() != "1")
        {
            RequireSuccess("psql", await Psql(psql, "postgres", $"CREATE DATABASE {Database}", cancellationToken));
        }
    }

    /// <summary>Initializes once per scale: a later run finds the tables at the right size and reuses them.</summary>
    private async Task EnsureInitializedAsync(string psql, string pgbench, int scale, CancellationToken cancellationToken)
    {
        var branches = await Psql(psql, Database, "SELECT count(*) FROM pgbench_branches", cancellationToken);
        if (branches.ExitCode == 0 && branches.StandardOutput.Trim() == Text(scale))
        {
            return;
        }
        Console.WriteLine($"  initializing pgbench at scale {scale} in database {Database} (once)…");
        RequireSuccess("pgbench -i", await ExternalCommand.RunAsync(pgbench,
            [.. target.ConnectionArguments(Database), "-i", "-q", "-s", Text(scale)], target.Environment(), InitializeTimeout, cancellationToken));
    }

    private Task<ExternalCommand.Output> Psql(string psql, string database, string sql, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(psql, [.. target.ConnectionArguments(database), "-X", "-tAc", sql], target.Environment(), TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>pgbench -l writes one line per transaction: client, transaction, latency in µs, … (one file per thread).</summary>
    private static LatencyRecorder TransactionLatencies(DirectoryInfo logs)
    {
        var recorder = new LatencyRecorder();
        foreach (var file in logs.EnumerateFiles("tx.*"))
        {
            foreach (var line in File.ReadLines(file.FullName))
            {
                var fields = line.Split(' ');
                if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
                {
                    recorder.Record(micros * Stopwatch.Frequency / 1_000_000);
                }
            }
        }
        return recorder;
    }

    private static ExternalCommand.Output RequireSuccess(string what, ExternalCommand.Output output) =>
        output.ExitCode == 0
            ? output
            : throw new BenchFailure($"{what} exited with {output.ExitCode}:\n{output.StandardError}{output.StandardOutput}");

    private static double Number(Regex pattern, string output, string what) =>
        pattern.Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new BenchFailure($"pgbench printed no '{what}' line:\n{output}");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyAverageLine();
}
