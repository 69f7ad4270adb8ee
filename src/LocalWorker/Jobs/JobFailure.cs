namespace Framecast.LocalWorker.Jobs;

/// <summary>The <c>output</c> of a FAILED, TIMED_OUT or CANCELLED job; <c>error</c> carries the message too.</summary>
public sealed record JobFailure(
    [property: JsonPropertyName("failure_type")] string FailureType,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("scene_id")] string? SceneId = null);
