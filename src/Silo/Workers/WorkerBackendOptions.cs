using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Workers;

/// <summary>
/// Where job grains send work: a RunPod serverless endpoint. With RUNPOD_API_KEY and
/// RUNPOD_ENDPOINT_ID set and no RUNPOD_BASE_URL, the real RunPod; by default the local worker.
/// </summary>
public sealed record WorkerBackendOptions
{
    public const string RunPodBaseUrl = "https://api.runpod.ai/v2";

    public string BaseUrl { get; init; } = "http://127.0.0.1:8189/v2";

    public string EndpointId { get; init; } = "local";

    public string? ApiKey { get; init; }

    /// <summary>Where the worker calls back when a job ends: this API's public base URL.</summary>
    public string CallbackBaseUrl { get; init; } = "http://127.0.0.1:3000";

    /// <summary>Signs callback URLs, since RunPod's webhook carries no signature of its own.</summary>
    public string CallbackSecret { get; init; } = "framecast-local-callback-secret";

    public bool IsLocal => !BaseUrl.StartsWith(RunPodBaseUrl, StringComparison.OrdinalIgnoreCase);

    public string EndpointUrl => $"{BaseUrl.TrimEnd('/')}/{EndpointId}";

    public static WorkerBackendOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new WorkerBackendOptions();
        var apiKey = configuration["RUNPOD_API_KEY"] is { Length: > 0 } key ? key : null;
        var endpointId = configuration["RUNPOD_ENDPOINT_ID"] is { Length: > 0 } id ? id : null;
        var baseUrl = configuration["RUNPOD_BASE_URL"] is { Length: > 0 } url
            ? url
            : apiKey is not null && endpointId is not null ? RunPodBaseUrl : defaults.BaseUrl;
        return new WorkerBackendOptions
        {
            BaseUrl = baseUrl,
            EndpointId = endpointId ?? defaults.EndpointId,
            ApiKey = apiKey,
            CallbackBaseUrl = configuration["FRAMECAST_PUBLIC_URL"] is { Length: > 0 } publicUrl ? publicUrl : defaults.CallbackBaseUrl,
            CallbackSecret = configuration["WORKER_CALLBACK_SECRET"] is { Length: > 0 } secret ? secret : defaults.CallbackSecret,
        };
    }
}
