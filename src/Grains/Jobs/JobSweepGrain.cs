using Framecast.Grains.Abstractions.Jobs;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Jobs;

/// <summary>The cluster's safety net for jobs admitted but never started (see <see cref="IJobSweepGrain"/>).</summary>
public sealed class JobSweepGrain(IJobStore store, JobExecutionOptions options, ILogger<JobSweepGrain> logger) : Grain, IJobSweepGrain
{
    private const string SweepReminder = "sweep";

    /// <summary>A job younger than this is still being started by its admission.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, options.SweepInterval, options.SweepInterval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public async Task<int> SweepAsync()
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
