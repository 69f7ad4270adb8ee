using System.Text.Json;
using Framecast.Grains.Abstractions.Webhooks;

namespace Framecast.Api.Webhooks;

/// <summary>The WebhookDelivery object (spec 04 §0.7); <c>response_status</c> and <c>response_body</c> are the last attempt's.</summary>
public sealed record DeliveryResponse(
    Guid Id,
    Guid WebhookId,
    Guid? JobId,
    string EventType,
    string Status,
    JsonElement Payload,
    int? ResponseStatus,
    string? ResponseBody,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset? NextRetryAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt)
{
    public static DeliveryResponse From(WebhookDeliveryRecord d) => new(
        d.Id, d.WebhookId, d.JobId, d.EventType, d.Status.ToDb(), d.Payload, d.ResponseStatus, d.ResponseBody, d.Attempts, d.MaxAttempts,
        d.NextRetryAt, d.DeliveredAt, d.CreatedAt);
}
