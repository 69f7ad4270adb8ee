using Framecast.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Webhooks;

/// <summary>The cluster's safety net for deliveries whose poke was lost (see <see cref="IWebhookSweepGrain"/>).</summary>
public sealed class WebhookSweepGrain(IWebhookSweepStore store, WebhookOptions options, ILogger<WebhookSweepGrain> logger) : Grain, IWebhookSweepGrain
{
    private const string SweepReminder = "sweep";

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, options.SweepInterval, options.SweepInterval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await SweepAsync();
        await store.DeleteExpiredAsync();
    }

    public async Task<int> SweepAsync()
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
