using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.ObjectStorage;

namespace Framecast.Silo.Workers;

/// <summary>
/// The worker backend over RunPod's serverless HTTP API (/run with a webhook and an execution policy, /status,
/// /stream, /cancel); the same code talks to the real RunPod or to the local worker, by base URL.
/// </summary>
public sealed class RunPodWorkerBackend(HttpClient http, WorkerBackendOptions options, ObjectStorageOptions storage, WorkerMediaResolver media)
    : IWorkerBackend
{
    public const string HttpClientName = "runpod";

    // RunPod's bounds for the policy: executionTimeout 5 s to 7 days, ttl 10 s to 7 days.
    private static readonly TimeSpan MinExecutionTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxPolicyTime = TimeSpan.FromDays(7);

    public async Task<string> SubmitAsync(WorkerSubmission submission, CancellationToken cancellationToken)
    {
        var plan = ScenePlan.From(submission.Spec);
        var urls = await media.ResolveAsync(submission.Spec, plan, submission.ExecutionTimeout, cancellationToken);
        var body = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["workflow"] = ComfyWorkflow.Build(plan, new VideoFormat(), urls),
                ["framecast"] = new JsonObject
                {
                    ["job_id"] = submission.JobId,
                    ["output"] = new JsonObject
                    {
                        ["bucket"] = storage.OutputsBucket,
                        ["prefix"] = StorageKeys.JobPrefix(submission.Owner, submission.JobId),
                    },
                    ["options"] = JsonNode.Parse(submission.Options.GetRawText()),
                },
            },
            ["webhook"] = $"{options.CallbackBaseUrl.TrimEnd('/')}/v1/internal/worker-callback/{submission.JobId:D}?token={WorkerCallbackToken.For(submission.JobId, options.CallbackSecret)}",
            // The job grain times the job out itself; the policy makes a request it lost track of end on its own too.
            ["policy"] = new JsonObject
            {
                ["executionTimeout"] = Milliseconds(submission.ExecutionTimeout, MinExecutionTimeout),
                ["ttl"] = Milliseconds(submission.Ttl, MinTtl),
            },
        };
        using var response = await SendAsync(HttpMethod.Post, "run", body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new WorkerUnavailableException($"The worker endpoint {options.EndpointUrl} does not exist.", new HttpRequestException(null, null, response.StatusCode));
        }
        var run = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return run.GetProperty("id").GetString() ?? throw new InvalidOperationException("The worker returned no request id.");
    }

    public async Task<WorkerStatus> GetStatusAsync(string requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"status/{Uri.EscapeDataString(requestId)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new WorkerStatus(WorkerState.NotFound);
        }
        return RunPodStatus.Parse(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    public async Task<IReadOnlyList<WorkerProgress>> ReadProgressAsync(string requestId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"stream/{Uri.EscapeDataString(requestId)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        return RunPodStatus.ParseStream(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    public async Task CancelAsync(string requestId, CancellationToken cancellationToken)
    {
        // 404: the worker no longer knows the request, so there is nothing left to cancel.
        using var response = await SendAsync(HttpMethod.Post, $"cancel/{Uri.EscapeDataString(requestId)}", null, cancellationToken);
    }

    private static long Milliseconds(TimeSpan value, TimeSpan min) =>
        (long)Math.Clamp(value.TotalMilliseconds, min.TotalMilliseconds, MaxPolicyTime.TotalMilliseconds);

    /// <summary>Transport failures, error statuses and timeouts become <see cref="WorkerUnavailableException"/>: the grain retries later.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{options.EndpointUrl}/{path}");
        if (options.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                response.Dispose();
                throw new HttpRequestException($"The worker answered {(int)response.StatusCode}.", null, response.StatusCode);
            }
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new WorkerUnavailableException($"{method} {path} on the worker failed: {ex.Message}", ex);
        }
    }
}
