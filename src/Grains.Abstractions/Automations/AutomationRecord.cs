namespace Framecast.Grains.Abstractions.Automations;

/// <summary>An automation as stored, without its secret. <see cref="DisabledReason"/> says why it turned itself off.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AutomationRecord")]
public sealed record AutomationRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] Guid TeamId,
    [property: Id(3)] Guid CreatedBy,
    [property: Id(4)] string Name,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] AutomationTrigger Trigger,
    [property: Id(7)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(8)] string? DisabledReason,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] string JobOptionsJson);
