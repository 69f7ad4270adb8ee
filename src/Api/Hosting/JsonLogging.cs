using Framecast.Api.Auth;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Framecast.Api.Hosting;

/// <summary>
/// Structured JSON logs to stdout through Serilog, one object per line; Serilog 4 stamps each with the current
/// activity's trace and span ids. One line per request (Serilog.AspNetCore's request logging) with its route, status,
/// time and user. Secrets stay out: the line names the route and path, never the query string or a header.
/// </summary>
public static class JsonLogging
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var level = Enum.TryParse<LogEventLevel>(builder.Configuration["LOG_LEVEL"], ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Information;
        builder.Services.AddSerilog((_, logger) => logger
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // Every worker poll would otherwise log four lines.
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            // Orleans' ADO.NET providers run each query through a Polly pipeline that logs two lines per query.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            // It logs every health request's verdict; CachedHealthCheck logs each real failure once.
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("service", "framecast-api")
            .WriteTo.Console(new JsonFormatter(renderMessage: true)),
            // Hands every event on to the other logging providers too: OpenTelemetry's, when logs go out over OTLP.
            writeToProviders: true);
    }

    /// <summary>The request line. Health and metrics are polled by monitors: their lines only at Debug.</summary>
    public static void UseRequestLogging(this WebApplication app) => app.UseSerilogRequestLogging(options =>
    {
        options.MessageTemplate = "HTTP {RequestMethod} {Route} answered {StatusCode} in {Elapsed:0.0} ms";
        options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : context.Request.Path.StartsWithSegments("/v1/health") || context.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Debug
            : LogEventLevel.Information;
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("Route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
            if (context.Features.Get<CallerFeature>()?.Caller is { } caller)
            {
                diagnostics.Set("UserId", caller.UserId);
            }
        };
    });
}
