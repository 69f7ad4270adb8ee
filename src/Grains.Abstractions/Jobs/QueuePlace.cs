namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Where a job stands in the cluster's worker queue. <see cref="Dispatched"/>: it holds one of the worker's slots and
/// may be submitted. Otherwise <see cref="Position"/> (1 = next) and an estimate of when a slot will be its turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("framecast.QueuePlace")]
public sealed record QueuePlace(
    [property: Id(0)] bool Dispatched,
    [property: Id(1)] int Position,
    [property: Id(2)] DateTimeOffset? EstimatedStartAt)
{
    public static QueuePlace Through { get; } = new(true, 0, null);
}

/// <summary>What the queue needs to order a job: its priority and when it was admitted.</summary>
[GenerateSerializer, Immutable, Alias("framecast.QueueTicket")]
public sealed record QueueTicket(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] JobPriority Priority,
    [property: Id(2)] DateTimeOffset AdmittedAt);
