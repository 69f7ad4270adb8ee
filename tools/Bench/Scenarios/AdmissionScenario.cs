using System.Diagnostics;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// Job admissions: every client posts <c>POST /v1/generate</c> in a loop, clients spread over the owners.
/// A 429 CONCURRENT_JOB_LIMIT is expected (5 active jobs per owner) and counted apart; admitted jobs are
/// canceled in the background to free slots. Reports 201s per second and the latency of the admitting request.
/// </summary>
public sealed class AdmissionScenario(ApiClient api, IReadOnlyList<BenchOwner> owners, BenchSettings settings)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var outcomes = new OutcomeCounter();
        var canceler = new JobCanceler(api, workers: Math.Max(2, settings.Concurrency / 4), cancellationToken);
        var elapsed = await LoadLoop.RunAsync(settings.Concurrency, settings.Duration, async (worker, token) =>
        {
            var owner = owners[worker % owners.Count];
            var started = Stopwatch.GetTimestamp();
            var response = await JobRequests.GenerateAsync(api, owner.Token, token);
            outcomes.Add(response.Outcome);
            if (response.Status == 201)
            {
                latency.RecordSince(started);
                canceler.Enqueue(owner, JobRequests.CreatedJobId(response));
            }
            else if (response.Outcome == JobRequests.ConcurrentJobLimit)
            {
                await Task.Delay(JobRequests.LimitBackoff, token);
            }
        }, outcomes, cancellationToken);
        await canceler.DrainAsync();

        return new ScenarioResult("job admissions (POST /v1/generate)", outcomes["201"] / elapsed.TotalSeconds, "admissions/s",
            latency.Summarize(), outcomes.Snapshot(),
            new Dictionary<string, double>
            {
                ["concurrent_limit_answers"] = outcomes[JobRequests.ConcurrentJobLimit],
                ["background_cancels_ok"] = canceler.Outcomes["200"],
                ["background_cancels_other"] = canceler.Outcomes.Snapshot().Where(o => o.Key != "200").Sum(o => o.Value),
            });
    }
}
