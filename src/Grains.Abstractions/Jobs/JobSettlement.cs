using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>How a job ended; the pool applies it once, with the refund the policy gives.</summary>
public sealed record JobSettlement(
    Guid JobId,
    JobStatus Status,
    FailureType? FailureType = null,
    JsonElement? Output = null,
    long? OutputSizeBytes = null,
    JobError? Error = null,
    Guid? CanceledBy = null,
    double? RenderSeconds = null);

/// <summary>Job.error (spec 06 §6.3): a lowercase machine code, a message, the failing scene when known.</summary>
public sealed record JobError(string Code, string Message, string? SceneId = null);
