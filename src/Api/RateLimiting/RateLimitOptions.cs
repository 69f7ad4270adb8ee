using Framecast.Silo.Hosting;

namespace Framecast.Api.RateLimiting;

/// <summary>Per-tier request limits (spec 07 §1), fixed windows. Settings so tests (and operators) can change them.</summary>
public sealed record RateLimitOptions
{
    public bool Enabled { get; init; } = true;

    public int StarterPerWindow { get; init; } = 60;

    public int CreatorPerWindow { get; init; } = 300;

    /// <summary>Unauthenticated requests, per client address (the spec says only "stricter").</summary>
    public int AnonymousPerWindow { get; init; } = 20;

    /// <summary>Sign-up and sign-in, per client address: their own bucket, so signing in is not starved by other
    /// anonymous traffic (sign-in also has its own failure lockouts).</summary>
    public int AuthPerWindow { get; init; } = 120;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    public static RateLimitOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new RateLimitOptions();
        return new RateLimitOptions
        {
            Enabled = !bool.TryParse(configuration["RATE_LIMIT_ENABLED"], out var enabled) || enabled,
            StarterPerWindow = configuration.PositiveInt("RATE_LIMIT_STARTER_PER_MINUTE", defaults.StarterPerWindow),
            CreatorPerWindow = configuration.PositiveInt("RATE_LIMIT_CREATOR_PER_MINUTE", defaults.CreatorPerWindow),
            AnonymousPerWindow = configuration.PositiveInt("RATE_LIMIT_ANONYMOUS_PER_MINUTE", defaults.AnonymousPerWindow),
            AuthPerWindow = configuration.PositiveInt("RATE_LIMIT_AUTH_PER_MINUTE", defaults.AuthPerWindow),
            Window = TimeSpan.FromSeconds(configuration.PositiveInt("RATE_LIMIT_WINDOW_SECONDS", (int)defaults.Window.TotalSeconds)),
        };
    }
}
