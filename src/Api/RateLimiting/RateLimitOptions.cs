using System.ComponentModel.DataAnnotations;

namespace Framecast.Api.RateLimiting;

/// <summary>Per-tier request limits (spec 07 §1), fixed windows counted cluster-wide by one grain per bucket.
/// Settings so tests (and operators) can change them.</summary>
public sealed class RateLimitOptions
{
    [ConfigurationKeyName("RATE_LIMIT_ENABLED")]
    public bool Enabled { get; set; } = true;

    [ConfigurationKeyName("RATE_LIMIT_STARTER_PER_MINUTE"), Range(1, int.MaxValue, ErrorMessage = "RATE_LIMIT_STARTER_PER_MINUTE must be positive.")]
    public int StarterPerWindow { get; set; } = 60;

    [ConfigurationKeyName("RATE_LIMIT_CREATOR_PER_MINUTE"), Range(1, int.MaxValue, ErrorMessage = "RATE_LIMIT_CREATOR_PER_MINUTE must be positive.")]
    public int CreatorPerWindow { get; set; } = 300;

    /// <summary>Unauthenticated requests, per client address (the spec says only "stricter").</summary>
    [ConfigurationKeyName("RATE_LIMIT_ANONYMOUS_PER_MINUTE"), Range(1, int.MaxValue, ErrorMessage = "RATE_LIMIT_ANONYMOUS_PER_MINUTE must be positive.")]
    public int AnonymousPerWindow { get; set; } = 20;

    /// <summary>Sign-up and sign-in, per client address: their own bucket, so signing in is not starved by other
    /// anonymous traffic (sign-in also has its own failure lockouts).</summary>
    [ConfigurationKeyName("RATE_LIMIT_AUTH_PER_MINUTE"), Range(1, int.MaxValue, ErrorMessage = "RATE_LIMIT_AUTH_PER_MINUTE must be positive.")]
    public int AuthPerWindow { get; set; } = 120;

    /// <summary>Calls with the admin token: one bucket for the operators, never their address's anonymous one.</summary>
    [ConfigurationKeyName("RATE_LIMIT_OPERATOR_PER_MINUTE"), Range(1, int.MaxValue, ErrorMessage = "RATE_LIMIT_OPERATOR_PER_MINUTE must be positive.")]
    public int OperatorPerWindow { get; set; } = 6000;

    [ConfigurationKeyName("RATE_LIMIT_WINDOW_SECONDS"), Range(1, 86_400, ErrorMessage = "RATE_LIMIT_WINDOW_SECONDS must be between 1 and 86400.")]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>How long a request waits for its bucket's grain before it is let through uncounted (fail-open).</summary>
    [ConfigurationKeyName("RATE_LIMIT_TIMEOUT_MS"), Range(1, 60_000, ErrorMessage = "RATE_LIMIT_TIMEOUT_MS must be between 1 and 60000.")]
    public int TimeoutMs { get; set; } = 1000;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);
}
