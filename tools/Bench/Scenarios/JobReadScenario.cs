using System.Diagnostics;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// <c>GET /v1/jobs/:id</c> on existing jobs: a few jobs per owner are made (and canceled, so nothing stays
/// active), then every client reads them round-robin with the owning user's token.
/// </summary>
public sealed class JobReadScenario(ApiClient api, IReadOnlyList<BenchOwner> owners, BenchSettings settings)
{
    private const int JobsPerOwner = 4;

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var jobs = await CreateJobsAsync(cancellationToken);
        var latency = new LatencyRecorder();
        var outcomes = new OutcomeCounter();
        long next = 0;
        var elapsed = await LoadLoop.RunAsync(settings.Concurrency, settings.Duration, async (_, token) =>
        {
            var (owner, jobId) = jobs[(int)(Interlocked.Increment(ref next) % jobs.Count)];
            var started = Stopwatch.GetTimestamp();
            var response = await JobRequests.GetAsync(api, owner.Token, jobId, token);
            outcomes.Add(response.Outcome);
            if (response.Status == 200)
            {
                latency.RecordSince(started);
            }
        }, outcomes, cancellationToken);

        return new ScenarioResult("GET /v1/jobs/:id", outcomes["200"] / elapsed.TotalSeconds, "reads/s", latency.Summarize(), outcomes.Snapshot());
    }

    private async Task<IReadOnlyList<(BenchOwner Owner, Guid JobId)>> CreateJobsAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<(BenchOwner, Guid)>();
        foreach (var owner in owners)
        {
            for (var i = 0; i < JobsPerOwner; i++)
            {
                var jobId = JobRequests.CreatedJobId(await JobRequests.GenerateAsync(api, owner.Token, cancellationToken));
                var canceled = await JobRequests.CancelAsync(api, owner.Token, jobId, cancellationToken);
                if (canceled.Status != 200)
                {
                    throw new BenchFailure($"POST /v1/jobs/{jobId}/cancel answered {canceled.Status}, expected 200:\n{canceled.Body}");
                }
                jobs.Add((owner, jobId));
            }
        }
        return jobs;
    }
}
