namespace Framecast.LocalWorker.Workflow;

/// <summary>Where a job's files go: <c>{bucket}/{prefix}final.mp4</c> and friends (spec 07 §6).</summary>
public sealed record OutputLocation(
    [property: JsonPropertyName("bucket")] string? Bucket,
    [property: JsonPropertyName("prefix")] string? Prefix);
