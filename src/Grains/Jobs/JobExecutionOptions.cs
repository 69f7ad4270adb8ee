namespace Framecast.Grains.Jobs;

/// <summary>How job grains follow the worker (JOB_* environment variables).</summary>
public sealed record JobExecutionOptions
{
    /// <summary>How often the worker's status is read while a job runs (the webhook only makes it sooner).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The period of the reminder every active job holds. When a silo dies, its jobs come back on
    /// another silo at their next tick after the membership has declared it dead.
    /// </summary>
    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the sweep looks for active jobs whose grain was never started (a crash right after admission).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most a job may run before it fails with failure_type timeout (spec: 30 minutes).</summary>
    public TimeSpan MaxProcessingTime { get; init; } = TimeSpan.FromMinutes(30);
}
