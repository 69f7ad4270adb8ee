using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Jobs;

/// <summary>How job grains follow the worker (JOB_* environment variables, in milliseconds).</summary>
public sealed class JobExecutionOptions
{
    /// <summary>How often the worker's status is read while a job runs (the webhook only makes it sooner).</summary>
    [ConfigurationKeyName("JOB_POLL_INTERVAL_MS"), Range(1, int.MaxValue, ErrorMessage = "JOB_POLL_INTERVAL_MS must be positive.")]
    public int PollIntervalMs { get; set; } = 2_000;

    /// <summary>
    /// The period of the reminder every active job holds. When a silo dies, its jobs come back on
    /// another silo at their next tick after the membership has declared it dead.
    /// </summary>
    [ConfigurationKeyName("JOB_REMINDER_MS"), Range(1_000, int.MaxValue, ErrorMessage = "JOB_REMINDER_MS must be at least 1000 (Orleans' shortest reminder here).")]
    public int ReminderPeriodMs { get; set; } = 5_000;

    /// <summary>How often the sweep looks for active jobs whose grain was never started (a crash right after admission).</summary>
    [ConfigurationKeyName("JOB_SWEEP_INTERVAL_MS"), Range(1_000, int.MaxValue, ErrorMessage = "JOB_SWEEP_INTERVAL_MS must be at least 1000.")]
    public int SweepIntervalMs { get; set; } = 60_000;

    /// <summary>The most a job may run before it fails with failure_type timeout (spec: 30 minutes).</summary>
    [ConfigurationKeyName("JOB_MAX_PROCESSING_MS"), Range(1, int.MaxValue, ErrorMessage = "JOB_MAX_PROCESSING_MS must be positive.")]
    public int MaxProcessingMs { get; set; } = 30 * 60_000;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public TimeSpan ReminderPeriod => TimeSpan.FromMilliseconds(ReminderPeriodMs);

    public TimeSpan SweepInterval => TimeSpan.FromMilliseconds(SweepIntervalMs);

    public TimeSpan MaxProcessingTime => TimeSpan.FromMilliseconds(MaxProcessingMs);

    /// <summary>
    /// The ttl sent with every /run: a job may wait queued up to the processing limit (the grain times it out from
    /// its submission until it starts) and then run up to it, so a request still alive after twice the limit is
    /// one nobody follows any more.
    /// </summary>
    public TimeSpan WorkerTtl => MaxProcessingTime * 2;
}
