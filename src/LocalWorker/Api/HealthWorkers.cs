namespace Framecast.LocalWorker.Api;

public sealed record HealthWorkers(
    [property: JsonPropertyName("idle")] int Idle,
    [property: JsonPropertyName("running")] int Running);
