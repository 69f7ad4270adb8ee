namespace Framecast.LocalWorker.Api;

/// <summary>Counts over the jobs this endpoint still remembers (finished ones for 30 minutes).</summary>
public sealed record HealthJobs(
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("inProgress")] int InProgress,
    [property: JsonPropertyName("inQueue")] int InQueue,
    [property: JsonPropertyName("retried")] int Retried);
