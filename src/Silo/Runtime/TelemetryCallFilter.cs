using System.Diagnostics;
using Framecast.Grains.Abstractions.Errors;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Runtime;

/// <summary>A span and metrics per grain call; unexpected failures are logged with the grain's id.</summary>
public sealed class TelemetryCallFilter(ILogger<TelemetryCallFilter> logger) : IGrainCallFilter
{
    public async Task InvokeAsync(GrainCallContext context, Func<Task> next)
    {
        var tags = new TagList { { "grain.type", context.GrainId.Type }, { "grain.method", context.Method.Name } };
        using var activity = SiloTelemetry.ActivitySource.StartActivity($"{context.GrainId.Type}.{context.Method.Name}");
        activity?.SetTag("grain.id", context.GrainId.ToString());
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
            SiloTelemetry.Calls.Add(1, tags);
        }
        catch (Exception ex)
        {
            SiloTelemetry.CallFailures.Add(1, tags);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            if (ex is not DomainException and not Grains.Abstractions.Runtime.GrainStateConflictException)
            {
                logger.LogError(ex, "Grain call {GrainId}.{Method} failed", context.GrainId, context.Method.Name);
            }
            throw;
        }
        finally
        {
            SiloTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }
}
