namespace Framecast.Grains.Webhooks;

/// <summary>The sweep's one query.</summary>
public interface IWebhookSweepStore
{
    /// <summary>Active webhooks with a pending or retrying delivery.</summary>
    Task<IReadOnlyList<Guid>> ListWithOpenDeliveriesAsync();

    /// <summary>Deletes deliveries older than the 30 days they are kept (spec 07), their attempts with them; returns how many.</summary>
    Task<int> DeleteExpiredAsync();
}
