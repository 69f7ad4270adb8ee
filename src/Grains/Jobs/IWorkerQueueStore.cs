using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>The worker queue's durable side: the active jobs' priority, admission time and dispatched_at, which
/// the queue grain alone writes.</summary>
public interface IWorkerQueueStore
{
    /// <summary>Every active job: the waiting ones (not dispatched) and those holding a slot.</summary>
    Task<IReadOnlyList<QueuedJob>> LoadActiveAsync();

    /// <summary>Marks the jobs dispatched; returns those that were still active (the others have ended meanwhile).</summary>
    Task<IReadOnlyList<Guid>> DispatchAsync(IReadOnlyList<Guid> jobIds);
}

public sealed record QueuedJob(Guid JobId, JobPriority Priority, DateTimeOffset AdmittedAt, DateTimeOffset? DispatchedAt);
