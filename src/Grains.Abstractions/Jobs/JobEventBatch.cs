namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>Events one transaction appended to one job, with what the SignalR groups are keyed by.</summary>
[GenerateSerializer, Immutable, Alias("framecast.JobEventBatch")]
public sealed record JobEventBatch(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string Owner,
    [property: Id(2)] IReadOnlyList<JobEvent> Events);
