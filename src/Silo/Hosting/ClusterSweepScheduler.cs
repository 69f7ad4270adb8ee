using Framecast.Grains.Abstractions.Sweeps;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Hosting;

/// <summary>
/// Once the silo is active, makes sure a cluster sweep has its reminder (idempotent, so every silo may ask), and runs one
/// pass at once: what a crashed cluster left behind moves now, not at the first tick.
/// </summary>
public sealed class ClusterSweepScheduler<TSweep>(IGrainFactory grains, ILogger<ClusterSweepScheduler<TSweep>> logger)
    : ILifecycleParticipant<ISiloLifecycle>
    where TSweep : IClusterSweepGrain
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(typeof(TSweep).Name, ServiceLifecycleStage.Active, ct =>
        {
            // In the background: the silo's start does not wait on grain calls that may go to another silo.
            _ = ScheduleAsync();
            return Task.CompletedTask;
        });

    private async Task ScheduleAsync()
    {
        try
        {
            var sweep = grains.GetGrain<TSweep>(IClusterSweepGrain.Key);
            await sweep.EnsureScheduledAsync();
            await sweep.SweepAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Scheduling {Sweep} failed; another silo's start or the next start schedules it", typeof(TSweep).Name);
        }
    }
}
