using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Workers;

/// <summary>
/// Where job grains send work: a RunPod serverless endpoint. With RUNPOD_API_KEY and
/// RUNPOD_ENDPOINT_ID set and no RUNPOD_BASE_URL, the real RunPod; by default the local worker.
/// </summary>
public sealed class WorkerBackendOptions : IValidatableObject
{
    public const string RunPodBaseUrl = "https://api.runpod.ai/v2";

    private const string LocalBaseUrl = "http://127.0.0.1:8189/v2";

    [ConfigurationKeyName("RUNPOD_BASE_URL")]
    public string? ConfiguredBaseUrl { get; set; }

    [ConfigurationKeyName("RUNPOD_ENDPOINT_ID")]
    public string? ConfiguredEndpointId { get; set; }

    [ConfigurationKeyName("RUNPOD_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Where the worker calls back when a job ends: this API's public base URL.</summary>
    [ConfigurationKeyName("FRAMECAST_PUBLIC_URL"), Required(AllowEmptyStrings = false, ErrorMessage = "FRAMECAST_PUBLIC_URL must not be empty.")]
    public string CallbackBaseUrl { get; set; } = "http://127.0.0.1:3000";

    /// <summary>Signs callback URLs, since RunPod's webhook carries no signature of its own.</summary>
    [ConfigurationKeyName("WORKER_CALLBACK_SECRET"), Required(AllowEmptyStrings = false, ErrorMessage = "WORKER_CALLBACK_SECRET must not be empty.")]
    public string CallbackSecret { get; set; } = "framecast-local-callback-secret";

    /// <summary>RUNPOD_BASE_URL when set; the real RunPod when a key and an endpoint are given; else the local worker.</summary>
    public string BaseUrl => ConfiguredBaseUrl is { Length: > 0 } url ? url
        : ApiKey is { Length: > 0 } && ConfiguredEndpointId is { Length: > 0 } ? RunPodBaseUrl
        : LocalBaseUrl;

    public string EndpointId => ConfiguredEndpointId is { Length: > 0 } id ? id : "local";

    public bool IsLocal => !BaseUrl.StartsWith(RunPodBaseUrl, StringComparison.OrdinalIgnoreCase);

    public string EndpointUrl => $"{BaseUrl.TrimEnd('/')}/{EndpointId}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("RUNPOD_BASE_URL must be an absolute URL.");
        }
        if (!Uri.TryCreate(CallbackBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("FRAMECAST_PUBLIC_URL must be an absolute URL.");
        }
    }
}
