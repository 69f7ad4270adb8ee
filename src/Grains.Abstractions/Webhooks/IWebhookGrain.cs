namespace Framecast.Grains.Abstractions.Webhooks;

/// <summary>
/// One webhook: the only writer of its row and of its deliveries' status, and the only sender to its URL.
/// Per webhook rather than per delivery because the receiver is the unit that matters: one grain sends one
/// delivery at a time, in event order, so a receiver sees a job's events in sequence and never more than one
/// request of ours at once (bounded concurrency per receiver), while a slow receiver holds up only its own
/// grain — never a job (deliveries are rows the job's transaction wrote; sending happens here, off its path)
/// nor another receiver. Retries wait on a grain timer, with a reminder as the durable backstop, so a dead
/// silo's pending deliveries resume on another. The API checks the caller's role before it calls.
/// </summary>
[Alias("framecast.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithGuidKey, IRemindable
{
    /// <summary>The webhook from this grain's memory, or null when there is none. Interleaves with a send in flight.</summary>
    [AlwaysInterleave]
    Task<WebhookRecord?> GetAsync();

    /// <summary>create_webhook: the secret is in the answer and nowhere else.</summary>
    Task<WebhookWithSecret> CreateAsync(NewWebhook webhook);

    /// <summary>update_webhook: the given fields; reactivating wakes any deliveries that waited.</summary>
    Task<WebhookRecord> UpdateAsync(WebhookChanges changes);

    /// <summary>delete_webhook: the row, its deliveries and their attempts.</summary>
    Task DeleteAsync();

    /// <summary>rotate_webhook_secret: new deliveries and new attempts of old ones are signed with the new secret only.</summary>
    Task<WebhookWithSecret> RotateSecretAsync();

    /// <summary>test_webhook: a <c>webhook.test</c> delivery, attempted at once; 409 WEBHOOK_INACTIVE when inactive.</summary>
    Task<WebhookDeliveryRecord> TestAsync();

    /// <summary>retry_webhook_delivery: a failed delivery back to pending with its attempts reset, attempted at once.</summary>
    Task<WebhookDeliveryRecord> RetryAsync(Guid deliveryId);

    /// <summary>New deliveries were committed (or may have been): send what is due. One-way and idempotent.</summary>
    [OneWay]
    Task PokeAsync();
}
