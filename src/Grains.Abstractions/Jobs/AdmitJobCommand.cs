using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// What the API asks the owner's credit pool to admit. The spec is already validated and priced
/// by the caller with the same code the estimate endpoint uses.
/// </summary>
[GenerateSerializer, Immutable, Alias("framecast.AdmitJobCommand")]
public sealed record AdmitJobCommand(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string Owner,
    [property: Id(2)] Guid TriggeredBy,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] JsonElement Spec,
    [property: Id(5)] JsonElement Options,
    [property: Id(6)] int Credits,
    [property: Id(7)] string? IdempotencyKey,
    [property: Id(8)] string RequestHash,
    [property: Id(9)] Guid? SourceJobId = null,
    [property: Id(10)] JobPriority Priority = JobPriority.Normal);

/// <summary>The admitted job; <see cref="Created"/> is false when an idempotent retry found the first one.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AdmissionResult")]
public sealed record AdmissionResult([property: Id(0)] JobRecord Job, [property: Id(1)] bool Created);
