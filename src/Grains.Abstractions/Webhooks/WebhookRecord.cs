namespace Framecast.Grains.Abstractions.Webhooks;

/// <summary>A webhook as the API shows it: everything but the secret (spec 04 §0.7).</summary>
[GenerateSerializer, Immutable, Alias("framecast.WebhookRecord")]
public sealed record WebhookRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TeamId,
    [property: Id(2)] Guid CreatedBy,
    [property: Id(3)] string Url,
    [property: Id(4)] IReadOnlyList<string> Events,
    [property: Id(5)] bool IsActive,
    [property: Id(6)] DateTimeOffset? LastTriggeredAt,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);

/// <summary>The answer of create and rotate: the one time the raw secret is shown.</summary>
[GenerateSerializer, Immutable, Alias("framecast.WebhookWithSecret")]
public sealed record WebhookWithSecret([property: Id(0)] WebhookRecord Webhook, [property: Id(1)] string Secret);

/// <summary>A new webhook, its fields already checked by <c>WebhookRules</c>.</summary>
[GenerateSerializer, Immutable, Alias("framecast.NewWebhook")]
public sealed record NewWebhook(
    [property: Id(0)] Guid TeamId,
    [property: Id(1)] Guid CreatedBy,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events);

/// <summary>update_webhook's fields; null = unchanged.</summary>
[GenerateSerializer, Immutable, Alias("framecast.WebhookChanges")]
public sealed record WebhookChanges(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] bool? IsActive);
