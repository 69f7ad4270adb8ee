using System.Net.Http.Headers;
using System.Text.Json;
using Framecast.Silo.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Health;

/// <summary>Asks the RunPod endpoint (real or local) for its /health: its queue and workers.</summary>
public sealed class WorkerBackendHealth(IHttpClientFactory httpClients, WorkerBackendOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{options.EndpointUrl}/health");
        if (options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await httpClients.CreateClient(nameof(WorkerBackendHealth)).SendAsync(request, cancellationToken);
        var data = new Dictionary<string, object> { ["kind"] = options.IsLocal ? "local" : "runpod", ["endpoint"] = options.EndpointUrl };
        if (!response.IsSuccessStatusCode)
        {
            data["http_status"] = (int)response.StatusCode;
            return HealthCheckResult.Unhealthy($"The endpoint answered {(int)response.StatusCode}.", data: data);
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (body.RootElement.TryGetProperty("workers", out var workers))
        {
            data["workers"] = workers.Clone();
        }
        if (body.RootElement.TryGetProperty("jobs", out var jobs))
        {
            data["jobs"] = jobs.Clone();
        }
        return HealthCheckResult.Healthy(data: data);
    }
}
