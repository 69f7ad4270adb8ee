using System.Text.Json;

namespace Framecast.Grains.Abstractions.Webhooks;

/// <summary>One webhook_deliveries row (spec 01 §3.11): the last attempt's answer, and the payload that is sent.</summary>
[GenerateSerializer, Immutable, Alias("framecast.WebhookDeliveryRecord")]
public sealed record WebhookDeliveryRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid WebhookId,
    [property: Id(2)] Guid? JobId,
    [property: Id(3)] string EventType,
    [property: Id(4)] WebhookDeliveryStatus Status,
    [property: Id(5)] JsonElement Payload,
    [property: Id(6)] int? ResponseStatus,
    [property: Id(7)] string? ResponseBody,
    [property: Id(8)] int Attempts,
    [property: Id(9)] int MaxAttempts,
    [property: Id(10)] DateTimeOffset? NextRetryAt,
    [property: Id(11)] DateTimeOffset? DeliveredAt,
    [property: Id(12)] DateTimeOffset CreatedAt);

/// <summary>The stored states of a delivery (spec 02 §5); the attempt in flight is not one of them.</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Retrying,
    Delivered,
    Failed,
}

public static class WebhookDeliveryStates
{
    public static string ToDb(this WebhookDeliveryStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out WebhookDeliveryStatus status)
    {
        status = default;
        return value is "pending" or "retrying" or "delivered" or "failed" && Enum.TryParse(value, ignoreCase: true, out status);
    }
}
