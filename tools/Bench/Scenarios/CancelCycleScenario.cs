using System.Diagnostics;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// Admit-then-cancel: each client loops create → cancel on its own owner, so the credit pool grain debits,
/// then settles and refunds, once per cycle. Reports complete cycles per second and the cycle's latency.
/// </summary>
public sealed class CancelCycleScenario(ApiClient api, IReadOnlyList<BenchOwner> owners, BenchSettings settings)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var outcomes = new OutcomeCounter();
        long cycles = 0;
        var elapsed = await LoadLoop.RunAsync(settings.Concurrency, settings.Duration, async (worker, token) =>
        {
            var owner = owners[worker % owners.Count];
            var started = Stopwatch.GetTimestamp();
            var created = await JobRequests.GenerateAsync(api, owner.Token, token);
            outcomes.Add($"create {created.Outcome}");
            if (created.Status != 201)
            {
                if (created.Outcome == JobRequests.ConcurrentJobLimit)
                {
                    await Task.Delay(JobRequests.LimitBackoff, token);
                }
                return;
            }
            // The cancel is not given the scenario's deadline: an admitted job is always canceled.
            var canceled = await JobRequests.CancelAsync(api, owner.Token, JobRequests.CreatedJobId(created), CancellationToken.None);
            outcomes.Add($"cancel {canceled.Outcome}");
            if (canceled.Status == 200)
            {
                latency.RecordSince(started);
                Interlocked.Increment(ref cycles);
            }
        }, outcomes, cancellationToken);

        return new ScenarioResult("admit-then-cancel cycles", cycles / elapsed.TotalSeconds, "cycles/s", latency.Summarize(), outcomes.Snapshot());
    }
}
