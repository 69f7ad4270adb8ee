namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Drives one job on the worker: Orleans keeps one activation per job in the cluster, a grain timer
/// follows the worker, and a reminder brings the job back on another silo when its silo dies.
/// </summary>
[Alias("framecast.IJobGrain")]
public interface IJobGrain : IGrainWithGuidKey, IRemindable
{
    /// <summary>Starts (or resumes) driving an active job; a no-op when it is already driven or has ended.
    /// One-way: admission does not wait for it.</summary>
    [OneWay]
    Task StartAsync();

    /// <summary>The worker called back (a hint, never the truth): read its status now.</summary>
    Task PokeAsync();

    /// <summary>cancel_job: settles the job as canceled exactly once and cancels the worker at once.
    /// 409 JOB_NOT_CANCELABLE when the job has already ended.</summary>
    Task<JobRecord> CancelAsync(Guid canceledBy);

    /// <summary>Deletes a terminal ephemeral job, its events and its stored outputs.</summary>
    Task DeleteAsync();
}
