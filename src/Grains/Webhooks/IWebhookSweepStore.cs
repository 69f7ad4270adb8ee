namespace Framecast.Grains.Webhooks;

/// <summary>The sweep's one query.</summary>
public interface IWebhookSweepStore
{
    /// <summary>Active webhooks with a pending or retrying delivery.</summary>
    Task<IReadOnlyList<Guid>> ListWithOpenDeliveriesAsync();
}
