using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Webhooks;

/// <summary>How webhook deliveries are sent and retried (WEBHOOK_* environment variables, times in milliseconds).</summary>
public sealed class WebhookOptions
{
    /// <summary>The most one attempt may take, connection included; past it the attempt counts as a timeout (spec 07: 5 s).</summary>
    [ConfigurationKeyName("WEBHOOK_TIMEOUT_MS"), Range(100, 60_000, ErrorMessage = "WEBHOOK_TIMEOUT_MS must be between 100 and 60000.")]
    public int TimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// The waits before attempts 2, 3, 4 and 5, each counted from the previous failed attempt (spec 06 §11.3:
    /// 1 min, 5 min, 30 min, 2 h). Tests shorten them; the count is the spec's, so every delivery has 5 attempts.
    /// </summary>
    [ConfigurationKeyName("WEBHOOK_RETRY_DELAYS_MS")]
    [RegularExpression(@"^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$", ErrorMessage = "WEBHOOK_RETRY_DELAYS_MS must be four comma-separated millisecond counts.")]
    public string RetryDelaysMs { get; set; } = "60000,300000,1800000,7200000";

    /// <summary>
    /// The period of the reminder a webhook's grain holds while it has undelivered rows: the durable backstop of its
    /// timer, so a dead silo's retries resume on another silo within this time (or at their due time, if later).
    /// </summary>
    [ConfigurationKeyName("WEBHOOK_REMINDER_MS"), Range(1_000, int.MaxValue, ErrorMessage = "WEBHOOK_REMINDER_MS must be at least 1000 (Orleans' shortest reminder here).")]
    public int ReminderPeriodMs { get; set; } = 60_000;

    /// <summary>How often the cluster looks for undelivered rows whose webhook was never poked (a crash right after the commit).</summary>
    [ConfigurationKeyName("WEBHOOK_SWEEP_INTERVAL_MS"), Range(1_000, int.MaxValue, ErrorMessage = "WEBHOOK_SWEEP_INTERVAL_MS must be at least 1000.")]
    public int SweepIntervalMs { get; set; } = 60_000;

    /// <summary>
    /// Local development only: lets receivers at <c>http://127.0.0.1</c> (any port) be registered and reached. Every
    /// other loopback, private, link-local, CGNAT and metadata address stays refused. Off by default.
    /// </summary>
    [ConfigurationKeyName("WEBHOOK_ALLOW_LOOPBACK_HTTP")]
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Spec 06 §11.3: five attempts in all.</summary>
    public const int MaxAttempts = 5;

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);

    public TimeSpan ReminderPeriod => TimeSpan.FromMilliseconds(ReminderPeriodMs);

    public TimeSpan SweepInterval => TimeSpan.FromMilliseconds(SweepIntervalMs);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromMilliseconds(long.Parse(RetryDelaysMs.Split(',')[Math.Clamp(attempt, 1, MaxAttempts - 1) - 1].Trim(), CultureInfo.InvariantCulture));
}
