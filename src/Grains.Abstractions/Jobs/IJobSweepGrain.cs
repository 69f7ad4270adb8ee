namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Makes sure every active job is driven. Admission starts the job's grain with a one-way call; a
/// crash between the commit and that call would leave a queued job nobody drives, so this grain's
/// reminder looks for such jobs and starts them. One per cluster, keyed by <see cref="Key"/>.
/// </summary>
[Alias("framecast.IJobSweepGrain")]
public interface IJobSweepGrain : Sweeps.IClusterSweepGrain, IRemindable
{
}
