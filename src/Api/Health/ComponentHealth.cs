namespace Framecast.Api.Health;

public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>One component's verdict, with what an operator needs to act on it.</summary>
public sealed record ComponentHealth(HealthStatus Status, double LatencyMs, string? Error = null, IReadOnlyDictionary<string, object?>? Info = null);

public sealed record HealthReport(HealthStatus Status, string Version, string Silo, DateTimeOffset CheckedAt, IReadOnlyDictionary<string, ComponentHealth> Components);
