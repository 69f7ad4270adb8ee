using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Health;

/// <summary>
/// <c>GET /v1/health</c>. Everyone gets the overall status and each component's status; only the admin token
/// gets the silo, each check's latency, time, error message and info, so anonymous callers learn nothing about the
/// deployment (addresses, versions, exception text).
/// </summary>
public sealed record ServiceHealth(
    HealthStatus Status,
    string Version,
    DateTimeOffset CheckedAt,
    IReadOnlyDictionary<string, ComponentHealth> Components,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Silo = null);

/// <summary>One component; everything but the status is for the admin token only.</summary>
public sealed record ComponentHealth(
    HealthStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LatencyMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CheckedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Info = null);

/// <summary>A probe's whole answer (liveness, readiness): the status code says it all, the body names it.</summary>
public sealed record ProbeStatus(HealthStatus Status);

public sealed record ServiceStatus(string Status, string Version);

public static class ApiVersion
{
    public static readonly string Value =
        typeof(ApiVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
