using Framecast.Grains.Abstractions.Webhooks;

namespace Framecast.Api.Webhooks;

/// <summary>The Webhook object (spec 04 §0.7): every field but the secret.</summary>
public sealed record WebhookResponse(
    Guid Id,
    Guid TeamId,
    Guid CreatedBy,
    string Url,
    IReadOnlyList<string> Events,
    bool IsActive,
    DateTimeOffset? LastTriggeredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookResponse From(WebhookRecord webhook) => new(
        webhook.Id, webhook.TeamId, webhook.CreatedBy, webhook.Url, webhook.Events, webhook.IsActive, webhook.LastTriggeredAt,
        webhook.CreatedAt, webhook.UpdatedAt);
}
