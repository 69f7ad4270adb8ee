namespace Framecast.Grains.Jobs;

/// <summary>How job grains follow the worker (JOB_* environment variables).</summary>
public sealed record JobExecutionOptions
{
    /// <summary>How often the worker's status is read while a job runs (the webhook only makes it sooner).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A driving silo's claim on a job; renewed at a third of it. A dead silo's jobs move after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo looks for jobs nobody drives (it also wakes when a job is queued).</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most a job may run before it fails with failure_type timeout (spec: 30 minutes).</summary>
    public TimeSpan MaxProcessingTime { get; init; } = TimeSpan.FromMinutes(30);
}
