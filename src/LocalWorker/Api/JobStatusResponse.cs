namespace Framecast.LocalWorker.Api;

/// <summary>
/// The /status body, also the webhook body. camelCase like RunPod; <c>output</c> is a
/// JobProgress, JobCompletion or JobFailure (serialized by its runtime type).
/// </summary>
public sealed record JobStatusResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("delayTime")] long? DelayTime,
    [property: JsonPropertyName("executionTime")] long? ExecutionTime,
    [property: JsonPropertyName("output")] object? Output,
    [property: JsonPropertyName("error")] string? Error);
