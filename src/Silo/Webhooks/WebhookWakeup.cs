using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Silo.Storage.Webhooks;

namespace Framecast.Silo.Webhooks;

/// <summary>After an event's transaction commits, pokes each webhook it gave deliveries to (one-way: the job's turn
/// never waits on a receiver). A lost poke is found by the webhook sweep.</summary>
public sealed class WebhookWakeup(IGrainFactory grains)
{
    public void After(IReadOnlyList<JobEvent> events)
    {
        foreach (var webhookId in events.SelectMany(WebhookDeliveryLog.WebhooksOf).Distinct())
        {
            _ = grains.GetGrain<IWebhookGrain>(webhookId).PokeAsync();
        }
    }
}
