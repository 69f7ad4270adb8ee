using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>How a job ended; the pool applies it once, with the refund the policy gives.</summary>
[GenerateSerializer, Immutable, Alias("framecast.JobSettlement")]
public sealed record JobSettlement(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] FailureType? FailureType = null,
    [property: Id(3)] JsonElement? Output = null,
    [property: Id(4)] long? OutputSizeBytes = null,
    [property: Id(5)] JobError? Error = null,
    [property: Id(6)] Guid? CanceledBy = null,
    [property: Id(7)] double? RenderSeconds = null);

/// <summary>Job.error (spec 06 §6.3): a lowercase machine code, a message, the failing scene when known.</summary>
[GenerateSerializer, Immutable, Alias("framecast.JobError")]
public sealed record JobError([property: Id(0)] string Code, [property: Id(1)] string Message, [property: Id(2)] string? SceneId = null);
