using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>A firing about to be claimed. <see cref="TriggerDataJson"/> is <c>{payload?, asset?}</c>, what its templates read.</summary>
public sealed record NewExecution(Guid Id, Guid AutomationId, AutomationTriggerType TriggerType, DateTimeOffset TriggeredAt,
    DateTimeOffset? ScheduledFor, string TriggerDataJson);
