using System.Text.Json;
using Framecast.LocalWorker.Configuration;
using Framecast.LocalWorker.Webhooks;

namespace Framecast.LocalWorker.Api;

/// <summary>The subset of RunPod's serverless API (<c>/v2/{endpointId}/…</c>) that Framecast's job grains call.</summary>
public static class RunPodEndpoints
{
    private static readonly TimeSpan DefaultExecutionTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinExecutionTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxExecutionTimeout = TimeSpan.FromDays(7);
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapRunPodEndpoints(this IEndpointRouteBuilder app)
    {
        var endpoint = app.MapGroup("/v2/{endpointId}").AddEndpointFilter<ApiKeyFilter>();
        endpoint.MapPost("/run", RunAsync);
        endpoint.MapGet("/status/{id}", Status);
        endpoint.MapGet("/stream/{id}", Stream);
        endpoint.MapPost("/cancel/{id}", Cancel);
        endpoint.MapPost("/retry/{id}", Retry);
        endpoint.MapGet("/health", Health);
        return app;
    }

    private static async Task<IResult> RunAsync(string endpointId, HttpRequest request, JobStore store, JobQueue queue, TimeProvider clock)
    {
        RunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<RunRequest>(request.Body, WireJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"Request body is not valid JSON: {e.Message}");
        }

        if (body?.Input is not { } input)
        {
            return Error(StatusCodes.Status400BadRequest, "input is required and must be an object.");
        }

        Uri? webhook = null;
        if (body.Webhook is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out webhook) || webhook.Scheme is not ("http" or "https")))
        {
            return Error(StatusCodes.Status400BadRequest, "webhook must be an absolute http(s) URL.");
        }

        var executionTimeout = body.Policy?.ExecutionTimeout is { } ms ? TimeSpan.FromMilliseconds(ms) : DefaultExecutionTimeout;
        if (executionTimeout < MinExecutionTimeout || executionTimeout > MaxExecutionTimeout)
        {
            return Error(StatusCodes.Status400BadRequest, "policy.executionTimeout must be between 5000 ms and 7 days.");
        }

        var ttl = body.Policy?.Ttl is { } ttlMs ? TimeSpan.FromMilliseconds(ttlMs) : DefaultTtl;
        if (ttl <= TimeSpan.Zero)
        {
            return Error(StatusCodes.Status400BadRequest, "policy.ttl must be positive.");
        }

        var job = new WorkerJob(Guid.NewGuid().ToString("D"), endpointId, input, webhook, executionTimeout, ttl, clock.GetUtcNow());
        store.Add(job);
        queue.Enqueue(job);
        return Results.Json(new RunResponse(job.Id, JobStatus.InQueue), WireJson.Options);
    }

    private static IResult Status(string endpointId, string id, JobStore store, TimeProvider clock) =>
        store.Find(endpointId, id) is { } job
            ? Results.Json(job.Snapshot(clock.GetUtcNow()), WireJson.Options)
            : NotFound(id);

    private static IResult Stream(string endpointId, string id, JobStore store) =>
        store.Find(endpointId, id) is { } job
            ? Results.Json(job.ReadStream(), WireJson.Options)
            : NotFound(id);

    private static IResult Cancel(string endpointId, string id, JobStore store, WebhookNotifier webhooks, TimeProvider clock)
    {
        if (store.Find(endpointId, id) is not { } job)
        {
            return NotFound(id);
        }

        if (job.TryCancel(clock.GetUtcNow()))
        {
            webhooks.Notify(job);
        }

        // A job that had already ended keeps its status, as on RunPod.
        return Results.Json(new RunResponse(job.Id, job.Status), WireJson.Options);
    }

    private static IResult Retry(string endpointId, string id, JobStore store, JobQueue queue, TimeProvider clock)
    {
        if (store.Find(endpointId, id) is not { } job)
        {
            return NotFound(id);
        }

        if (!job.TryRequeue(clock.GetUtcNow()))
        {
            return Error(StatusCodes.Status400BadRequest, $"Only FAILED or TIMED_OUT jobs can be retried; job {id} is {job.Status}.");
        }

        store.ArmTtl(job);
        queue.Enqueue(job);
        return Results.Json(new RunResponse(job.Id, JobStatus.InQueue), WireJson.Options);
    }

    private static IResult Health(string endpointId, JobStore store, JobRunner runner, WorkerSettings settings)
    {
        var running = runner.Running;
        return Results.Json(
            new HealthResponse(store.Count(endpointId), new HealthWorkers(Math.Max(0, settings.Concurrency - running), running)),
            WireJson.Options);
    }

    private static IResult NotFound(string id) => Error(StatusCodes.Status404NotFound, $"Job {id} not found.");

    private static IResult Error(int statusCode, string message) =>
        Results.Json(new ErrorResponse(message), WireJson.Options, statusCode: statusCode);
}
