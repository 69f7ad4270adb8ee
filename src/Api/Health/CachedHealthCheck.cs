using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Health;

/// <summary>
/// One component's check, run at most once per <see cref="HealthOptions.CacheTime"/> however many requests ask:
/// concurrent requests share the run in flight, later ones its result (failures included, so an outage is not
/// hammered). ASP.NET Core's health checks have no cache of their own (its publisher polls whether or not anyone
/// asks), hence this decorator. The run has its own timeout rather than a caller's token, as every caller shares it;
/// its latency and time go into the result's data.
/// </summary>
public sealed class CachedHealthCheck(IHealthCheck inner, HealthOptions options, TimeProvider clock, ILogger<CachedHealthCheck> logger) : IHealthCheck
{
    public const string LatencyKey = "latency_ms";
    public const string CheckedAtKey = "checked_at";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private Task<(HealthCheckResult Result, long CompletedAt)>? _run;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<(HealthCheckResult, long)> run;
        lock (_gate)
        {
            if (_run is not { } current || (current.IsCompleted && clock.GetElapsedTime(current.Result.CompletedAt) >= options.CacheTime))
            {
                _run = RunAsync(context);
            }
            run = _run;
        }
        return ResultOf(run, cancellationToken);
    }

    private static async Task<HealthCheckResult> ResultOf(Task<(HealthCheckResult Result, long)> run, CancellationToken cancellationToken) =>
        (await run.WaitAsync(cancellationToken)).Result;

    private async Task<(HealthCheckResult, long)> RunAsync(HealthCheckContext context)
    {
        // Off the caller's stack: the check's synchronous part must not run under the lock.
        await Task.Yield();
        var started = clock.GetTimestamp();
        HealthCheckResult result;
        try
        {
            using var timeout = new CancellationTokenSource(CheckTimeout, clock);
            result = await inner.CheckHealthAsync(context, timeout.Token);
        }
        catch (OperationCanceledException ex)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {CheckTimeout.TotalSeconds:0} s.", ex);
        }
        catch (Exception ex)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, "The check failed.", ex);
        }
        if (result.Status != HealthStatus.Healthy)
        {
            logger.LogWarning(result.Exception, "Health check {Component} is {Status}: {Description}", context.Registration.Name, result.Status, result.Description);
        }
        var data = new Dictionary<string, object>(result.Data)
        {
            [LatencyKey] = Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 2),
            [CheckedAtKey] = clock.GetUtcNow(),
        };
        return (new HealthCheckResult(result.Status, result.Description, result.Exception, data), clock.GetTimestamp());
    }
}
