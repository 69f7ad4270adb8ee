namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// The cluster's one queue in front of the worker: it lets at most WORKER_CAPACITY jobs hold a worker slot, and
/// the others through in priority order, first come first served within a priority, with ageing so that a low job
/// cannot starve. One activation per cluster (key <see cref="Key"/>); it rebuilds itself from the jobs table.
/// </summary>
[Alias("framecast.IWorkerQueueGrain")]
public interface IWorkerQueueGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Joins the queue (idempotent) and answers the job's place; dispatched when it may submit now.</summary>
    Task<QueuePlace> EnterAsync(QueueTicket ticket);

    /// <summary>The job ended or no longer needs its slot: the next in line goes through.</summary>
    [OneWay]
    Task LeaveAsync(Guid jobId);

    /// <summary>The job's place as the queue knows it; null when the queue does not hold it.</summary>
    [AlwaysInterleave]
    Task<QueuePlace?> GetPlaceAsync(Guid jobId);
}
