using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Framecast.Api.Hosting;

/// <summary>Structured JSON logs to stdout, one object per line, with the trace and span ids of the current activity.</summary>
public static class JsonLogging
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var level = Enum.TryParse<LogEventLevel>(builder.Configuration["LOG_LEVEL"], ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Information;
        var logger = new LoggerConfiguration()
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
            .Enrich.With<TraceEnricher>()
            .Enrich.WithProperty("service", "framecast-api")
            .WriteTo.Console(new JsonFormatter(renderMessage: true))
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }

    private sealed class TraceEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
        {
            if (Activity.Current is { } activity)
            {
                logEvent.AddPropertyIfAbsent(factory.CreateProperty("TraceId", activity.TraceId.ToHexString()));
                logEvent.AddPropertyIfAbsent(factory.CreateProperty("SpanId", activity.SpanId.ToHexString()));
            }
        }
    }
}
