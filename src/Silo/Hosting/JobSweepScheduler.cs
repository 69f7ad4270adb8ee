using Framecast.Grains.Abstractions.Jobs;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Hosting;

/// <summary>Once the silo is active, makes sure the cluster's job sweep has its reminder (idempotent, so every silo may ask).</summary>
public sealed class JobSweepScheduler(IGrainFactory grains, ILogger<JobSweepScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobSweepScheduler), ServiceLifecycleStage.Active, ct =>
        {
            // In the background: the silo's start does not wait on grain calls that may go to another silo.
            _ = ScheduleAsync();
            return Task.CompletedTask;
        });

    private async Task ScheduleAsync()
    {
        try
        {
            var sweep = grains.GetGrain<IJobSweepGrain>(IJobSweepGrain.Key);
            await sweep.EnsureScheduledAsync();
            // Jobs a crashed cluster left behind move again now, not at the first tick.
            await sweep.SweepAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Scheduling the job sweep failed; another silo's start or the next start schedules it");
        }
    }
}
