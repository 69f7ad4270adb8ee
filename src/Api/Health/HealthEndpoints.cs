using System.Diagnostics;
using Orleans.Runtime;

namespace Framecast.Api.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/health", GetHealthAsync).WithTags("Health").WithSummary("Health of each component; 503 when a critical one is down");
        routes.MapGet("/v1/status", () => TypedResults.Ok(new ServiceStatus("ok", ApiVersion.Value)))
            .WithTags("Health").WithSummary("Service status and version");
        return routes;
    }

    private static async Task<IResult> GetHealthAsync(IEnumerable<IHealthComponent> components, ILocalSiloDetails silo, CancellationToken cancellationToken)
    {
        var checks = components.Select(async component =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(CheckTimeout);
                var (status, info) = await component.CheckAsync(timeout.Token);
                return (component, health: new ComponentHealth(status, Elapsed(started), Info: info));
            }
            catch (Exception ex)
            {
                return (component, health: new ComponentHealth(HealthStatus.Unhealthy, Elapsed(started), ex.Message));
            }
        });
        var results = await Task.WhenAll(checks);
        var overall = results.Any(r => r.health.Status != HealthStatus.Healthy && r.component.IsCritical) ? HealthStatus.Unhealthy
            : results.Any(r => r.health.Status != HealthStatus.Healthy) ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        var report = new HealthReport(overall, ApiVersion.Value, silo.SiloAddress.ToParsableString(), DateTimeOffset.UtcNow,
            results.ToDictionary(r => r.component.Name, r => r.health));
        return TypedResults.Json(report, statusCode: overall == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
}

public sealed record ServiceStatus(string Status, string Version);

public static class ApiVersion
{
    public static readonly string Value =
        typeof(ApiVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
