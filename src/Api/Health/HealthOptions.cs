using System.ComponentModel.DataAnnotations;

namespace Framecast.Api.Health;

/// <summary>How long a component's check answers every health request before it is run again.</summary>
public sealed class HealthOptions
{
    /// <summary>0 checks on every request (a test's choice; anonymous callers could then make each hit cost the backends).</summary>
    [ConfigurationKeyName("HEALTH_CACHE_MS"), Range(0, 600_000, ErrorMessage = "HEALTH_CACHE_MS must be between 0 and 600000.")]
    public int CacheMs { get; set; } = 3000;

    public TimeSpan CacheTime => TimeSpan.FromMilliseconds(CacheMs);
}
