using Framecast.Bench.Baselines;

namespace Framecast.Bench.Setup;

/// <summary>Refuses to measure a stack that is down, unhealthy, or rate limited (the limits would be measured, not the API).</summary>
public static class Preflight
{
    public const string StartHint = "start the stack in another terminal with: RATE_LIMIT_ENABLED=false just dev";

    public static async Task CheckAsync(ApiClient api, CancellationToken cancellationToken)
    {
        try
        {
            var health = await api.ProbeAsync("/v1/health", cancellationToken);
            if (health.Status != 200)
            {
                throw new BenchFailure($"GET /v1/health answered {health.Status}:\n{health.Body}");
            }
            var status = await api.ProbeAsync(BareEndpoint.Path, cancellationToken);
            if (status.Headers.Contains("X-RateLimit-Limit"))
            {
                throw new BenchFailure($"the API enforces rate limits (X-RateLimit-Limit: {string.Join(",", status.Headers.GetValues("X-RateLimit-Limit"))}); " +
                    $"a benchmark would measure them instead of the API. Restart it with rate limits off — {StartHint}.");
            }
        }
        catch (HttpRequestException e)
        {
            throw new BenchFailure($"the API does not answer at {api.BaseAddress} ({e.Message}); {StartHint}.");
        }
    }
}
