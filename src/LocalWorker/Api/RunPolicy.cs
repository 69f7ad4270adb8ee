namespace Framecast.LocalWorker.Api;

/// <summary>RunPod's per-job policy; times in milliseconds.</summary>
public sealed record RunPolicy(
    [property: JsonPropertyName("executionTimeout")] long? ExecutionTimeout,
    [property: JsonPropertyName("ttl")] long? Ttl,
    [property: JsonPropertyName("lowPriority")] bool? LowPriority);
