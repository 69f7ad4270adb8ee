using Framecast.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Hosting;

/// <summary>Once the silo is active, makes sure the cluster's webhook sweep has its reminder (idempotent, so every silo may ask).</summary>
public sealed class WebhookSweepScheduler(IGrainFactory grains, ILogger<WebhookSweepScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WebhookSweepScheduler), ServiceLifecycleStage.Active, ct =>
        {
            // In the background: the silo's start does not wait on grain calls that may go to another silo.
            _ = ScheduleAsync();
            return Task.CompletedTask;
        });

    private async Task ScheduleAsync()
    {
        try
        {
            var sweep = grains.GetGrain<IWebhookSweepGrain>(IWebhookSweepGrain.Key);
            await sweep.EnsureScheduledAsync();
            // Deliveries a crashed cluster left behind go out now, not at the first tick.
            await sweep.SweepAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Scheduling the webhook sweep failed; another silo's start or the next start schedules it");
        }
    }
}
