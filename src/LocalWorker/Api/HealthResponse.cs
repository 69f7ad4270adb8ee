namespace Framecast.LocalWorker.Api;

public sealed record HealthResponse(
    [property: JsonPropertyName("jobs")] HealthJobs Jobs,
    [property: JsonPropertyName("workers")] HealthWorkers Workers);
