using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Hosting;

/// <summary>The silo's settings, bound from the environment variables listed in .env.example and validated at start.</summary>
public sealed class SiloOptions : IValidatableObject
{
    [ConfigurationKeyName("DATABASE_URL"), Required(AllowEmptyStrings = false, ErrorMessage = "DATABASE_URL must be set.")]
    public string DatabaseUrl { get; set; } = "postgres://postgres@127.0.0.1:5433/framecast";

    /// <summary>
    /// DATABASE_URL in Npgsql's form, tuned for the statements of the stores and of Orleans' providers: no session
    /// state outlives a borrow (the migrations release their advisory lock in a finally), so a pooled connection
    /// skips DISCARD ALL; and the statements run again and again, so Npgsql prepares the frequent ones, which spares
    /// PostgreSQL parsing and planning them on every call.
    /// </summary>
    public string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(Storage.DatabaseUrl.ToConnectionString(DatabaseUrl))
    {
        NoResetOnClose = true,
        MaxAutoPrepare = 64,
    }.ConnectionString;

    [ConfigurationKeyName("SILO_APPLY_MIGRATIONS")]
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Keys grain storage and reminders: fixed for the life of a deployment.</summary>
    [ConfigurationKeyName("ORLEANS_SERVICE_ID"), StringLength(150, MinimumLength = 1, ErrorMessage = "ORLEANS_SERVICE_ID must have 1 to 150 characters.")]
    public string ServiceId { get; set; } = "framecast";

    /// <summary>Keys membership: silos with the same id form one cluster.</summary>
    [ConfigurationKeyName("ORLEANS_CLUSTER_ID"), StringLength(150, MinimumLength = 1, ErrorMessage = "ORLEANS_CLUSTER_ID must have 1 to 150 characters.")]
    public string ClusterId { get; set; } = "framecast-local";

    [ConfigurationKeyName("ORLEANS_ADVERTISED_IP")]
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress => IPAddress.Parse(AdvertisedIp);

    [ConfigurationKeyName("ORLEANS_SILO_PORT"), Range(1, 65535, ErrorMessage = "ORLEANS_SILO_PORT must be a port number.")]
    public int SiloPort { get; set; } = 11111;

    [ConfigurationKeyName("ORLEANS_GATEWAY_PORT"), Range(1, 65535, ErrorMessage = "ORLEANS_GATEWAY_PORT must be a port number.")]
    public int GatewayPort { get; set; } = 30000;

    [ConfigurationKeyName("GRAIN_CALL_TIMEOUT_MS"), Range(1, int.MaxValue, ErrorMessage = "GRAIN_CALL_TIMEOUT_MS must be positive.")]
    public int CallTimeoutMs { get; set; } = 30_000;

    [ConfigurationKeyName("GRAIN_IDLE_TIMEOUT_MS"), Range(1, int.MaxValue, ErrorMessage = "GRAIN_IDLE_TIMEOUT_MS must be positive.")]
    public int IdleTimeoutMs { get; set; } = 600_000;

    /// <summary>
    /// Failure detection. With these defaults a killed silo is declared dead in about 3 s and a
    /// frozen one in about 9 s (../shared/ORLEANS-ADONET.md). The cost: a silo that pauses for more
    /// than about 7 s (GC, CPU starvation) is evicted and stops, so run silos under a supervisor.
    /// </summary>
    [ConfigurationKeyName("ORLEANS_PROBE_TIMEOUT_MS"), Range(1, int.MaxValue, ErrorMessage = "ORLEANS_PROBE_TIMEOUT_MS must be positive.")]
    public int ProbeTimeoutMs { get; set; } = 2_000;

    [ConfigurationKeyName("ORLEANS_MAX_PROBE_TIMEOUT_MS"), Range(1, int.MaxValue, ErrorMessage = "ORLEANS_MAX_PROBE_TIMEOUT_MS must be positive.")]
    public int MaxProbeTimeoutMs { get; set; } = 2_500;

    [ConfigurationKeyName("ORLEANS_MISSED_PROBES_LIMIT"), Range(1, 100, ErrorMessage = "ORLEANS_MISSED_PROBES_LIMIT must be between 1 and 100.")]
    public int MissedProbesLimit { get; set; } = 3;

    [ConfigurationKeyName("ORLEANS_TABLE_REFRESH_MS"), Range(1, int.MaxValue, ErrorMessage = "ORLEANS_TABLE_REFRESH_MS must be positive.")]
    public int TableRefreshMs { get; set; } = 10_000;

    [ConfigurationKeyName("SHUTDOWN_TIMEOUT_MS"), Range(1, int.MaxValue, ErrorMessage = "SHUTDOWN_TIMEOUT_MS must be positive.")]
    public int ShutdownTimeoutMs { get; set; } = 20_000;

    public TimeSpan CallTimeout => TimeSpan.FromMilliseconds(CallTimeoutMs);

    public TimeSpan IdleTimeout => TimeSpan.FromMilliseconds(IdleTimeoutMs);

    public TimeSpan ProbeTimeout => TimeSpan.FromMilliseconds(ProbeTimeoutMs);

    public TimeSpan MaxProbeTimeout => TimeSpan.FromMilliseconds(MaxProbeTimeoutMs);

    public TimeSpan TableRefreshTimeout => TimeSpan.FromMilliseconds(TableRefreshMs);

    public TimeSpan ShutdownTimeout => TimeSpan.FromMilliseconds(ShutdownTimeoutMs);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedIp, out _))
        {
            yield return new ValidationResult("ORLEANS_ADVERTISED_IP must be an IP address.");
        }
        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult("ORLEANS_SILO_PORT and ORLEANS_GATEWAY_PORT must differ.");
        }
        if (MaxProbeTimeoutMs < ProbeTimeoutMs)
        {
            yield return new ValidationResult("ORLEANS_MAX_PROBE_TIMEOUT_MS must be at least ORLEANS_PROBE_TIMEOUT_MS.");
        }
    }
}
