using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>A job as stored. The API presigns the output's object keys when it builds a response.</summary>
[GenerateSerializer, Immutable, Alias("framecast.JobRecord")]
public sealed record JobRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] Guid TriggeredBy,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] JobStatus Status,
    [property: Id(5)] JsonElement SpecSnapshot,
    [property: Id(6)] JsonElement Options,
    [property: Id(7)] JsonElement Progress,
    [property: Id(8)] JsonElement? Output,
    [property: Id(9)] long? OutputSizeBytes,
    [property: Id(10)] JsonElement? Error,
    [property: Id(11)] int CreditsCharged,
    [property: Id(12)] FailureType? FailureType,
    [property: Id(13)] int CreditsRefunded,
    [property: Id(14)] string? IdempotencyKey,
    [property: Id(15)] Guid? CanceledBy,
    [property: Id(16)] DateTimeOffset? StartedAt,
    [property: Id(17)] DateTimeOffset? CompletedAt,
    [property: Id(18)] DateTimeOffset CreatedAt,
    [property: Id(19)] DateTimeOffset UpdatedAt,
    [property: Id(20)] Guid? SourceJobId = null,
    [property: Id(21)] JobPriority Priority = JobPriority.Normal);
