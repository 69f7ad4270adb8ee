using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Abstractions.Automations;

/// <summary>One firing. <see cref="JobStatus"/> is the started job's status as read with it (joined, never copied).</summary>
[GenerateSerializer, Immutable, Alias("framecast.ExecutionRecord")]
public sealed record ExecutionRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid AutomationId,
    [property: Id(2)] AutomationTriggerType TriggerType,
    [property: Id(3)] DateTimeOffset TriggeredAt,
    [property: Id(4)] DateTimeOffset? ScheduledFor,
    [property: Id(5)] ExecutionStatus Status,
    [property: Id(6)] Guid? JobId,
    [property: Id(7)] JobStatus? JobStatus,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string? Message,
    [property: Id(10)] DateTimeOffset CreatedAt);
