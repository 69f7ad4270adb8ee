using System.Net;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Hosting;

/// <summary>The silo's settings. Every one comes from an environment variable listed in .env.example.</summary>
public sealed record SiloOptions
{
    public string DatabaseUrl { get; init; } = "postgres://postgres@127.0.0.1:5433/framecast";

    public bool ApplyMigrations { get; init; } = true;

    /// <summary>Keys grain storage and reminders: fixed for the life of a deployment.</summary>
    public string ServiceId { get; init; } = "framecast";

    /// <summary>Keys membership: silos with the same id form one cluster.</summary>
    public string ClusterId { get; init; } = "framecast-local";

    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Failure detection. With these defaults a killed silo is declared dead in about 3 s and a
    /// frozen one in about 9 s (../shared/ORLEANS-ADONET.md). The cost: a silo that pauses for more
    /// than about 7 s (GC, CPU starvation) is evicted and stops, so run silos under a supervisor.
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxProbeTimeout { get; init; } = TimeSpan.FromSeconds(2.5);

    public int MissedProbesLimit { get; init; } = 3;

    public TimeSpan TableRefreshTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public static SiloOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new SiloOptions();
        return new SiloOptions
        {
            DatabaseUrl = configuration.Text("DATABASE_URL") ?? defaults.DatabaseUrl,
            ApplyMigrations = configuration["SILO_APPLY_MIGRATIONS"] is not { } apply || !bool.TryParse(apply, out var parsed) || parsed,
            ServiceId = configuration.Text("ORLEANS_SERVICE_ID") ?? defaults.ServiceId,
            ClusterId = configuration.Text("ORLEANS_CLUSTER_ID") ?? defaults.ClusterId,
            AdvertisedAddress = IPAddress.TryParse(configuration["ORLEANS_ADVERTISED_IP"], out var ip) ? ip : defaults.AdvertisedAddress,
            SiloPort = configuration.PositiveInt("ORLEANS_SILO_PORT", defaults.SiloPort),
            GatewayPort = configuration.PositiveInt("ORLEANS_GATEWAY_PORT", defaults.GatewayPort),
            CallTimeout = configuration.Milliseconds("GRAIN_CALL_TIMEOUT_MS", defaults.CallTimeout),
            IdleTimeout = configuration.Milliseconds("GRAIN_IDLE_TIMEOUT_MS", defaults.IdleTimeout),
            ProbeTimeout = configuration.Milliseconds("ORLEANS_PROBE_TIMEOUT_MS", defaults.ProbeTimeout),
            MaxProbeTimeout = configuration.Milliseconds("ORLEANS_MAX_PROBE_TIMEOUT_MS", defaults.MaxProbeTimeout),
            MissedProbesLimit = configuration.PositiveInt("ORLEANS_MISSED_PROBES_LIMIT", defaults.MissedProbesLimit),
            TableRefreshTimeout = configuration.Milliseconds("ORLEANS_TABLE_REFRESH_MS", defaults.TableRefreshTimeout),
            ShutdownTimeout = configuration.Milliseconds("SHUTDOWN_TIMEOUT_MS", defaults.ShutdownTimeout),
        };
    }

    /// <summary>Start-up validation: a setting that cannot work stops the silo with the reason.</summary>
    public IEnumerable<string> Problems()
    {
        if (SiloPort == GatewayPort)
        {
            yield return "ORLEANS_SILO_PORT and ORLEANS_GATEWAY_PORT must differ.";
        }
        if (MaxProbeTimeout < ProbeTimeout)
        {
            yield return "ORLEANS_MAX_PROBE_TIMEOUT_MS must be at least ORLEANS_PROBE_TIMEOUT_MS.";
        }
        if (string.IsNullOrWhiteSpace(ServiceId) || ServiceId.Length > 150)
        {
            yield return "ORLEANS_SERVICE_ID must have 1 to 150 characters.";
        }
    }
}
