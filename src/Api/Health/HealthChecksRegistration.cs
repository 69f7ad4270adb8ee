using Framecast.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Health;

/// <summary>The components behind the health endpoints, as ASP.NET Core health checks, each behind its cache.</summary>
public static class HealthChecksRegistration
{
    /// <summary>Components the service cannot serve without: readiness checks them, and /v1/health is unhealthy (503) without them.</summary>
    public const string ReadyTag = "ready";

    public static void AddFramecastHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<HealthOptions>(builder.Configuration);
        builder.Services.AddHttpClient(nameof(WorkerBackendHealth), client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHealthChecks()
            .AddCached<DatabaseHealth>("database", ReadyTag)
            .AddCached<SiloHealth>("silo", ReadyTag)
            .AddCached<ObjectStorageHealth>("object_storage")
            .AddCached<WorkerBackendHealth>("worker_backend");
    }

    private static IHealthChecksBuilder AddCached<T>(this IHealthChecksBuilder checks, string name, params string[] tags)
        where T : class, IHealthCheck
    {
        // The component itself under its name (so a test can wrap it), and its cache as a singleton: the
        // registration's factory runs on every check, the cache must outlive it.
        checks.Services.AddKeyedSingleton<IHealthCheck>(name, (sp, _) => ActivatorUtilities.CreateInstance<T>(sp));
        checks.Services.AddKeyedSingleton(name, (sp, _) => ActivatorUtilities.CreateInstance<CachedHealthCheck>(sp, sp.GetRequiredKeyedService<IHealthCheck>(name)));
        return checks.Add(new HealthCheckRegistration(name, sp => sp.GetRequiredKeyedService<CachedHealthCheck>(name), HealthStatus.Unhealthy, tags));
    }
}
