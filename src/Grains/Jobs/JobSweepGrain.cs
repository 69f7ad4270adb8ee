using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Sweeps;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Jobs;

/// <summary>The cluster's safety net for jobs admitted but never started (see <see cref="IJobSweepGrain"/>).</summary>
public sealed class JobSweepGrain(IJobStore store, JobExecutionOptions options, ILogger<JobSweepGrain> logger) : ClusterSweepGrain, IJobSweepGrain
{
    /// <summary>A job younger than this is still being started by its admission.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override TimeSpan Interval => options.SweepInterval;

    public override async Task<int> SweepAsync()
    {
        var jobs = await store.ListActiveAsync(DateTimeOffset.UtcNow - Grace);
        foreach (var jobId in jobs)
        {
            // One-way and idempotent: a job already driven ignores it.
            _ = GrainFactory.GetGrain<IJobGrain>(jobId).StartAsync(null);
        }
        if (jobs.Count > 0)
        {
            logger.LogDebug("The sweep started {Count} active jobs", jobs.Count);
        }
        return jobs.Count;
    }
}
