using Framecast.Grains.Abstractions.Webhooks;

namespace Framecast.Grains.Webhooks;

/// <summary>A webhook row with the secret its deliveries are signed with (never leaves the grain).</summary>
public sealed record WebhookState(WebhookRecord Webhook, string Secret);

/// <summary>The undelivered delivery at the head of a webhook's queue: the body as stored and, for job.completed, where
/// the outputs are whose presigned URLs each attempt adds (<paramref name="OutputObjects"/>, JSON).</summary>
public sealed record OpenDelivery(Guid Id, string EventType, string Body, int Attempts, int MaxAttempts, DateTimeOffset? NextRetryAt,
    string? OutputObjects = null);

/// <summary>What an attempt's request got: the status (null when no answer came), a bounded excerpt of the body, the time it took.</summary>
public sealed record AttemptResult(int? StatusCode, string? ResponseExcerpt, TimeSpan Latency, string? Error, TimeSpan? RetryAfter = null);

/// <summary>
/// Storage of the webhook grain: its row, and the status columns of its deliveries. Each attempt is claimed before it
/// is sent — a conditional update of the delivery's attempt count plus the attempt's own row — so two activations
/// that ever met could not send the same attempt twice.
/// </summary>
public interface IWebhookStore
{
    Task<WebhookState?> LoadAsync(Guid webhookId);

    /// <exception cref="Abstractions.Errors.DomainException">TEAM_NOT_FOUND when the team went meanwhile.</exception>
    Task<WebhookState> InsertAsync(Guid webhookId, NewWebhook webhook, string secret);

    Task<WebhookState> UpdateAsync(Guid webhookId, string url, IReadOnlyList<string> events, bool isActive, string secret);

    Task DeleteAsync(Guid webhookId);

    /// <summary>The oldest pending or retrying delivery of the webhook, in event order.</summary>
    Task<OpenDelivery?> NextOpenAsync(Guid webhookId);

    /// <summary>
    /// Takes attempt <c>expectedAttempts + 1</c> of a delivery: counts it and, should this silo die mid-send, makes
    /// the delivery due again at <paramref name="dueIfLost"/>. Returns the attempt's running number (attempts of
    /// earlier manual retries included), or null when another activation took it first.
    /// </summary>
    Task<int?> ClaimAsync(Guid webhookId, Guid deliveryId, int expectedAttempts, DateTimeOffset dueIfLost);

    /// <summary>Records a claimed attempt's answer and moves the delivery to <paramref name="status"/>.</summary>
    Task<WebhookDeliveryRecord> RecordAsync(Guid deliveryId, int attemptNumber, AttemptResult result, WebhookDeliveryStatus status, DateTimeOffset? nextRetryAt);

    /// <summary>A delivery whose last attempt was claimed but never recorded (its silo died) and has no attempt left.</summary>
    Task GiveUpAsync(Guid deliveryId);

    /// <summary>A <c>webhook.test</c> delivery with the proposed test payload of spec 04 §9.7.</summary>
    Task<OpenDelivery> InsertTestAsync(Guid webhookId, Guid teamId);

    /// <summary>failed → pending with attempts 0 and due now; DELIVERY_NOT_FOUND / DELIVERY_NOT_FAILED otherwise.</summary>
    Task ReopenAsync(Guid webhookId, Guid deliveryId);

    Task<WebhookDeliveryRecord?> GetDeliveryAsync(Guid deliveryId);
}
