using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Automations;

/// <summary>How automations fire (AUTOMATION_* environment variables, in milliseconds).</summary>
public sealed class AutomationOptions
{
    /// <summary>The period of a schedule automation's reminder: each tick fires the cron occurrences that fell due since the last.</summary>
    [ConfigurationKeyName("AUTOMATION_SCHEDULE_TICK_MS"), Range(1_000, int.MaxValue, ErrorMessage = "AUTOMATION_SCHEDULE_TICK_MS must be at least 1000.")]
    public int ScheduleTickMs { get; set; } = 10_000;

    /// <summary>How far back a tick catches up on occurrences it missed (a cluster that was down fires at most these).</summary>
    [ConfigurationKeyName("AUTOMATION_CATCH_UP_MS"), Range(1_000, int.MaxValue, ErrorMessage = "AUTOMATION_CATCH_UP_MS must be at least 1000.")]
    public int CatchUpMs { get; set; } = 5 * 60_000;

    /// <summary>How often the sweep resumes executions a dead silo left pending and deletes executions past 30 days and hook
    /// signatures past the replay window. Well under the catch-up window, so a resumed execution is admitted, not failed.</summary>
    [ConfigurationKeyName("AUTOMATION_SWEEP_INTERVAL_MS"), Range(1_000, int.MaxValue, ErrorMessage = "AUTOMATION_SWEEP_INTERVAL_MS must be at least 1000.")]
    public int SweepIntervalMs { get; set; } = 60_000;

    /// <summary>Executions in a row that did not lead to a completed job, after which an automation disables itself.</summary>
    [ConfigurationKeyName("AUTOMATION_MAX_CONSECUTIVE_FAILURES"), Range(1, 1_000, ErrorMessage = "AUTOMATION_MAX_CONSECUTIVE_FAILURES must be between 1 and 1000.")]
    public int MaxConsecutiveFailures { get; set; } = 10;

    public TimeSpan ScheduleTick => TimeSpan.FromMilliseconds(ScheduleTickMs);

    public TimeSpan CatchUp => TimeSpan.FromMilliseconds(CatchUpMs);

    public TimeSpan SweepInterval => TimeSpan.FromMilliseconds(SweepIntervalMs);
}
