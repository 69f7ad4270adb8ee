using System.Net.Http.Headers;
using System.Text.Json;
using Framecast.Silo.Workers;

namespace Framecast.Api.Health;

/// <summary>Asks the RunPod endpoint (real or local) for its /health: its queue and workers.</summary>
public sealed class WorkerBackendHealth(IHttpClientFactory httpClients, WorkerBackendOptions options) : IHealthComponent
{
    public string Name => "worker_backend";

    public bool IsCritical => false;

    public async Task<(HealthStatus, IReadOnlyDictionary<string, object?>?)> CheckAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{options.EndpointUrl}/health");
        if (options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await httpClients.CreateClient(nameof(WorkerBackendHealth)).SendAsync(request, cancellationToken);
        var info = new Dictionary<string, object?> { ["kind"] = options.IsLocal ? "local" : "runpod", ["endpoint"] = options.EndpointUrl };
        if (!response.IsSuccessStatusCode)
        {
            info["http_status"] = (int)response.StatusCode;
            return (HealthStatus.Unhealthy, info);
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (body.RootElement.TryGetProperty("workers", out var workers))
        {
            info["workers"] = workers.Clone();
        }
        if (body.RootElement.TryGetProperty("jobs", out var jobs))
        {
            info["jobs"] = jobs.Clone();
        }
        return (HealthStatus.Healthy, info);
    }
}
