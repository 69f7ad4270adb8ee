using System.Diagnostics;
using Framecast.Bench.Scenarios;

namespace Framecast.Bench.Baselines;

/// <summary>
/// <c>GET /v1/status</c> of the same server from the same client: no auth, no grain, no database — what the
/// host, the middleware pipeline and this machine's loopback cost at the scenarios' concurrency.
/// </summary>
public sealed class BareEndpoint(ApiClient api, BenchSettings settings)
{
    public const string Path = "/v1/status";

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var outcomes = new OutcomeCounter();
        var elapsed = await LoadLoop.RunAsync(settings.Concurrency, settings.Duration, async (_, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await api.SendAsync(HttpMethod.Get, Path, bearer: null, cancellationToken: token);
            outcomes.Add(response.Outcome);
            if (response.Status == 200)
            {
                latency.RecordSince(started);
            }
        }, outcomes, cancellationToken);
        return new ScenarioResult($"bare GET {Path}", outcomes["200"] / elapsed.TotalSeconds, "req/s", latency.Summarize(), outcomes.Snapshot());
    }
}
