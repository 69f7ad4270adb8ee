using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Hosting;

/// <summary>The silo's settings. Every one comes from an environment variable listed in .env.example.</summary>
public sealed record SiloOptions
{
    public string DatabaseUrl { get; init; } = "postgres://postgres@127.0.0.1:5433/framecast";

    public bool ApplyMigrations { get; init; } = true;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan CollectionInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxConflictRetries { get; init; } = 10;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReminderPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReminderClaimLease { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public static SiloOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new SiloOptions();
        return new SiloOptions
        {
            DatabaseUrl = configuration["DATABASE_URL"] is { Length: > 0 } url ? url : defaults.DatabaseUrl,
            ApplyMigrations = configuration["SILO_APPLY_MIGRATIONS"] is not { } apply || !bool.TryParse(apply, out var parsed) || parsed,
            CallTimeout = configuration.Milliseconds("GRAIN_CALL_TIMEOUT_MS", defaults.CallTimeout),
            IdleTimeout = configuration.Milliseconds("GRAIN_IDLE_TIMEOUT_MS", defaults.IdleTimeout),
            CollectionInterval = configuration.Milliseconds("GRAIN_COLLECTION_INTERVAL_MS", defaults.CollectionInterval),
            HeartbeatInterval = configuration.Milliseconds("SILO_HEARTBEAT_INTERVAL_MS", defaults.HeartbeatInterval),
            DeadAfter = configuration.Milliseconds("SILO_DEAD_AFTER_MS", defaults.DeadAfter),
            ReminderPollInterval = configuration.Milliseconds("REMINDER_POLL_INTERVAL_MS", defaults.ReminderPollInterval),
            ShutdownTimeout = configuration.Milliseconds("SHUTDOWN_TIMEOUT_MS", defaults.ShutdownTimeout),
        };
    }
}
