using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The job row's execution side: start and progress with their events, written by the job's grain.
/// Writes are conditional on the job still being active, so they can never undo a settlement.
/// </summary>
public interface IJobStore
{
    Task<JobRecord?> GetAsync(Guid jobId);

    /// <summary>queued → processing with its `started` event; the job as stored, or null if it was no longer queued.</summary>
    Task<JobRecord?> MarkStartedAsync(Guid jobId);

    /// <summary>Stores progress and appends its events (progress, and scene_complete when a scene finished); the job
    /// as stored, or null if it was no longer processing.</summary>
    Task<JobRecord?> RecordProgressAsync(Guid jobId, JsonElement progress, IReadOnlyList<string> completedScenes);

    /// <summary>Appends a queue_position event to a job still queued; false when it was no longer queued.</summary>
    Task<bool> RecordQueuePlaceAsync(Guid jobId, QueuePlace place);

    /// <summary>Deletes the job when it is terminal and ephemeral, with its events and stored outputs.</summary>
    Task<bool> DeleteTerminalEphemeralAsync(Guid jobId);

    /// <summary>Active jobs created before <paramref name="createdBefore"/>: what the sweep makes sure are driven.</summary>
    Task<IReadOnlyList<Guid>> ListActiveAsync(DateTimeOffset createdBefore);
}
