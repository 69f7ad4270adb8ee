namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Makes sure every active job is driven. Admission starts the job's grain with a one-way call; a
/// crash between the commit and that call would leave a queued job nobody drives, so this grain's
/// reminder looks for such jobs and starts them. One per cluster, keyed by <see cref="Key"/>.
/// </summary>
[Alias("framecast.IJobSweepGrain")]
public interface IJobSweepGrain : IGrainWithStringKey, IRemindable
{
    public const string Key = "cluster";

    /// <summary>Registers the sweep's reminder (idempotent); every silo calls it when it starts.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Starts the grain of every active job older than a few seconds; returns how many it poked.</summary>
    Task<int> SweepAsync();
}
