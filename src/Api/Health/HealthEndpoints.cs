using Framecast.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Framecast.Api.Health;

/// <summary>
/// Health over ASP.NET Core's <see cref="HealthCheckService"/>, each component cached (<see cref="CachedHealthCheck"/>).
/// Minimal-API endpoints rather than MapHealthChecks, so the OpenAPI document describes them like every other route.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/health", GetHealthAsync).WithTags("Health")
            .WithSummary("Overall and per-component status (details for the admin token); 503 when the database or the silo is down")
            .Produces<ServiceHealth>()
            .Produces<ServiceHealth>(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet("/v1/health/live", () => TypedResults.Ok(new ProbeStatus(HealthStatus.Healthy))).WithTags("Health")
            .WithSummary("Liveness: the process answers; checks nothing");
        routes.MapGet("/v1/health/ready", GetReadinessAsync).WithTags("Health")
            .WithSummary("Readiness: the database and this silo; 503 while either is down")
            .Produces<ProbeStatus>()
            .Produces<ProbeStatus>(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet("/v1/status", () => TypedResults.Ok(new ServiceStatus("ok", ApiVersion.Value))).WithTags("Health")
            .WithSummary("Service status and version");
        return routes;
    }

    private static async Task<JsonHttpResult<ServiceHealth>> GetHealthAsync(
        HttpContext context, HealthCheckService checks, ILocalSiloDetails silo, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        var detailed = (await context.AuthenticateAsync(AdminTokenAuthentication.SchemeName)).Succeeded;
        // A component outside readiness (S3, the worker backend) only degrades the service.
        var overall = report.Entries.Values.Any(e => e.Status != HealthStatus.Healthy && e.Tags.Contains(HealthChecksRegistration.ReadyTag))
            ? HealthStatus.Unhealthy
            : report.Entries.Values.Any(e => e.Status != HealthStatus.Healthy) ? HealthStatus.Degraded : HealthStatus.Healthy;
        var components = report.Entries.ToDictionary(e => e.Key, e => detailed ? Detail(e.Value) : new ComponentHealth(e.Value.Status));
        var body = new ServiceHealth(overall, ApiVersion.Value, clock.GetUtcNow(), components, detailed ? silo.SiloAddress.ToParsableString() : null);
        return TypedResults.Json(body, statusCode: StatusOf(overall));
    }

    private static async Task<JsonHttpResult<ProbeStatus>> GetReadinessAsync(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthChecksRegistration.ReadyTag), cancellationToken);
        return TypedResults.Json(new ProbeStatus(report.Status), statusCode: StatusOf(report.Status));
    }

    private static int StatusOf(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;

    private static ComponentHealth Detail(HealthReportEntry entry)
    {
        var info = entry.Data.Where(d => d.Key is not CachedHealthCheck.LatencyKey and not CachedHealthCheck.CheckedAtKey)
            .ToDictionary(d => d.Key, d => d.Value);
        return new ComponentHealth(
            entry.Status,
            entry.Data.TryGetValue(CachedHealthCheck.LatencyKey, out var latency) ? (double)latency : null,
            entry.Data.TryGetValue(CachedHealthCheck.CheckedAtKey, out var checkedAt) ? (DateTimeOffset)checkedAt : null,
            entry.Status == HealthStatus.Healthy ? null : entry.Exception?.Message ?? entry.Description,
            info.Count == 0 ? null : info);
    }
}
