using System.Net.Http.Json;
using Framecast.LocalWorker.Api;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Webhooks;

/// <summary>
/// POSTs the /status body to a finished job's webhook, as RunPod does: a non-2xx answer or a
/// network error is retried twice, <c>LOCAL_WORKER_WEBHOOK_RETRY_MS</c> apart.
/// </summary>
public sealed class WebhookNotifier(
    IHttpClientFactory httpClients,
    WorkerSettings settings,
    TimeProvider clock,
    ILogger<WebhookNotifier> logger)
{
    public const string HttpClientName = "webhooks";
    private const int Attempts = 3;

    /// <summary>Starts the deliveries in the background; the job's state is final by now.</summary>
    public void Notify(WorkerJob job, int deliveries = 1)
    {
        if (job.Webhook is not { } url)
        {
            return;
        }

        var body = job.Snapshot(clock.GetUtcNow());
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < deliveries; i++)
            {
                await DeliverAsync(url, body);
            }
        });
    }

    private async Task DeliverAsync(Uri url, JobStatusResponse body)
    {
        var client = httpClients.CreateClient(HttpClientName);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync(url, body, WireJson.Options);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Webhook for job {JobId} ({Status}) delivered on attempt {Attempt}", body.Id, body.Status, attempt);
                    return;
                }

                logger.LogWarning("Webhook for job {JobId} got HTTP {StatusCode} on attempt {Attempt}", body.Id, (int)response.StatusCode, attempt);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Webhook for job {JobId} failed on attempt {Attempt}: {Error}", body.Id, attempt, e.Message);
            }

            if (attempt < Attempts)
            {
                await Task.Delay(settings.WebhookRetryDelay, clock);
            }
        }

        logger.LogError("Webhook for job {JobId} abandoned after {Attempts} attempts", body.Id, Attempts);
    }
}
