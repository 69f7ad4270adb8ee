using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Sweeps;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Webhooks;

/// <summary>The cluster's safety net for deliveries whose poke was lost (see <see cref="IWebhookSweepGrain"/>).</summary>
public sealed class WebhookSweepGrain(IWebhookSweepStore store, WebhookOptions options, ILogger<WebhookSweepGrain> logger) : ClusterSweepGrain, IWebhookSweepGrain
{
    protected override TimeSpan Interval => options.SweepInterval;

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await SweepAsync();
        await store.DeleteExpiredAsync();
    }

    public override async Task<int> SweepAsync()
    {
        var webhooks = await store.ListWithOpenDeliveriesAsync();
        foreach (var webhookId in webhooks)
        {
            // One-way and idempotent: a grain with nothing due only looks.
            _ = GrainFactory.GetGrain<IWebhookGrain>(webhookId).PokeAsync();
        }
        if (webhooks.Count > 0)
        {
            logger.LogDebug("The webhook sweep poked {Count} webhooks", webhooks.Count);
        }
        return webhooks.Count;
    }
}
