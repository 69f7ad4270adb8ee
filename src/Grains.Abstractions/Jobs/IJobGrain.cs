namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Drives one job on the worker: Orleans keeps one activation per job in the cluster, a grain timer
/// follows the worker, and a reminder brings the job back on another silo when its silo dies.
/// </summary>
[Alias("framecast.IJobGrain")]
public interface IJobGrain : IGrainWithGuidKey, IRemindable
{
    /// <summary>Starts (or resumes) driving an active job; a no-op when it is already driven or has ended.
    /// One-way: admission does not wait for it. <paramref name="admitted"/>: the row admission just committed, so
    /// the grain need not read it back (null from the sweep).</summary>
    [OneWay]
    Task StartAsync(JobRecord? admitted);

    /// <summary>The job as it is now, from the grain's memory (one read of the row per activation); null when there
    /// is no such job. Interleaves with a turn that waits on the worker: it only reads the last committed state.</summary>
    [AlwaysInterleave]
    Task<JobRecord?> GetAsync();

    /// <summary>The worker called back (a hint, never the truth): read its status now.</summary>
    Task PokeAsync();

    /// <summary>cancel_job: settles the job as canceled exactly once and cancels the worker at once.
    /// 409 JOB_NOT_CANCELABLE when the job has already ended.</summary>
    Task<JobRecord> CancelAsync(Guid canceledBy);

    /// <summary>Deletes a terminal ephemeral job, its events and its stored outputs.</summary>
    Task DeleteAsync();
}
