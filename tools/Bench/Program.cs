using System.Diagnostics;
using Framecast.Bench;
using Framecast.Bench.Baselines;
using Framecast.Bench.Scenarios;
using Framecast.Bench.Setup;

// `just bench`: loads the running local stack and reports each scenario beside pgbench's TPC-B on the same
// PostgreSQL server and a bare endpoint of the same API, measured in the same run — the ratios are the result.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
var cancellationToken = interrupted.Token;

try
{
    var settings = BenchSettings.FromEnvironment();
    using var api = new ApiClient(settings.ApiUrl);
    await Preflight.CheckAsync(api, cancellationToken);
    var startedAt = DateTimeOffset.UtcNow;

    Console.WriteLine($"setting up {settings.Owners} creator owners with credits…");
    var owners = await new BenchAccounts(api, settings).CreateOwnersAsync(cancellationToken);

    if (settings.Warmup > TimeSpan.Zero)
    {
        // A freshly started API runs unoptimized code until the JIT's tiers and PGO catch up: the first figures of a
        // cold stack differed from a warm one by up to 2×, so the scenarios' paths run once, unmeasured, first.
        Console.WriteLine($"warming up the API for {settings.Warmup.TotalSeconds:0} s (not measured)…");
        var warm = settings with { Duration = settings.Warmup / 3 };
        await new CancelCycleScenario(api, owners, warm).RunAsync(cancellationToken);
        await new JobReadScenario(api, owners, warm).RunAsync(cancellationToken);
        await new AdmissionScenario(api, owners, warm).RunAsync(cancellationToken);
    }

    var bare = await Step(() => new BareEndpoint(api, settings).RunAsync(cancellationToken));
    var pgbench = await Step(() => new PgBench(PostgresTarget.FromUrl(settings.DatabaseUrl), settings).RunAsync(cancellationToken));
    var admissions = await Step(() => new AdmissionScenario(api, owners, settings).RunAsync(cancellationToken));
    var cycles = await Step(() => new CancelCycleScenario(api, owners, settings).RunAsync(cancellationToken));
    var reads = await Step(() => new JobReadScenario(api, owners, settings).RunAsync(cancellationToken));
    var fanout = await Step(() => new SseFanoutScenario(api, owners[0], settings).RunAsync(cancellationToken));
    var memory = await Step(() => new GrainMemoryScenario(api, owners[0], settings).RunAsync(cancellationToken));

    var report = new BenchReport(startedAt, Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        settings.Duration.TotalSeconds, settings.Concurrency, settings.Owners, settings.SseSubscribers,
        [bare, pgbench], [admissions, cycles, reads, fanout, memory], Report.Compare(bare, pgbench, admissions, cycles, reads, fanout));
    Report.Print(report, Console.Out);
    await Report.WriteJsonAsync(report, settings.ReportPath, cancellationToken);
    Console.WriteLine($"\nreport written to {settings.ReportPath}");
    return 0;
}
catch (BenchFailure e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: interrupted");
    return 130;
}

static async Task<ScenarioResult> Step(Func<Task<ScenarioResult>> run)
{
    var clock = Stopwatch.StartNew();
    var result = await run();
    var rate = result.Rate is { } r ? $"{r:#,0.0} {result.RateUnit}, " : "";
    Console.WriteLine($"  {result.Name}: {rate}p99 {result.Latency.P99Ms:0.00} ms ({clock.Elapsed.TotalSeconds:0.0} s)");
    return result;
}
