using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// What the API asks the owner's credit pool to admit. The spec is already validated and priced
/// by the caller with the same code the estimate endpoint uses.
/// </summary>
public sealed record AdmitJobCommand(
    Guid JobId,
    string Owner,
    Guid TriggeredBy,
    Guid? ProjectId,
    JsonElement Spec,
    JsonElement Options,
    int Credits,
    string? IdempotencyKey,
    string RequestHash);

/// <summary>The admitted job; <see cref="Created"/> is false when an idempotent retry found the first one.</summary>
public sealed record AdmissionResult(JobRecord Job, bool Created);
