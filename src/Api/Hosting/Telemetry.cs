using Framecast.Api.Auth;
using Framecast.Grains.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Framecast.Api.Hosting;

/// <summary>
/// OpenTelemetry through its hosting package, so the providers start and flush with the host. Metrics always (the
/// Prometheus scrape at <c>/metrics</c>, operators only); traces and logs only when OTEL_EXPORTER_OTLP_ENDPOINT is set,
/// and then all three go out over OTLP (the exporter reads that variable and its OTEL_* companions itself).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void Configure(WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "framecast-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(FramecastMetrics.MeterName, "Microsoft.Orleans")
                // No cached scrape: what an operator reads is what the counters hold now.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 })
        {
            return;
        }
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                // The RunPod client and S3.
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                // Orleans' grain-call spans (the silo and client propagate the activity: see AddActivityPropagation).
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                // The job grain's submit span, which joins the worker call to the admitting request's trace.
                .AddSource(FramecastTracing.SourceName))
            .WithLogging()
            .UseOtlpExporter();
    }

    public static void MapMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AdminTokenAuthentication.Policy);
}
