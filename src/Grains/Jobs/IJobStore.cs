using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The job row's execution side: the worker request, the lease of the silo driving it, start and
/// progress with their events. Writes are conditional on the job still being active, so they can
/// never undo a settlement.
/// </summary>
public interface IJobStore
{
    Task<JobRecord?> GetAsync(Guid jobId);

    Task<JobExecution?> GetExecutionAsync(Guid jobId);

    /// <summary>Marks the submission as under way before calling the worker, so a takeover knows one may exist.</summary>
    Task MarkSubmittingAsync(Guid jobId);

    /// <summary>Stores the worker's request id while this silo still holds the lease.</summary>
    Task<bool> RecordSubmissionAsync(Guid jobId, string workerRequestId);

    Task<bool> RenewLeaseAsync(Guid jobId);

    Task ReleaseLeaseAsync(Guid jobId);

    /// <summary>queued → processing with its `started` event; false if the job was no longer queued.</summary>
    Task<bool> MarkStartedAsync(Guid jobId);

    /// <summary>Stores progress and appends its events (progress, and scene_complete when a scene finished).</summary>
    /// <summary>Deletes the job when it is terminal and ephemeral, with its events and stored outputs.</summary>
    Task<bool> DeleteTerminalEphemeralAsync(Guid jobId);

    Task<bool> RecordProgressAsync(Guid jobId, JsonElement progress, IReadOnlyList<string> completedScenes);
}

/// <summary>What a job grain needs to drive the job.</summary>
public sealed record JobExecution(
    Guid Id,
    string Owner,
    JobStatus Status,
    JsonElement Spec,
    JsonElement Options,
    string? WorkerRequestId,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt);
