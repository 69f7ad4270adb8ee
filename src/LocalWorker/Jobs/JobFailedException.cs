namespace Framecast.LocalWorker.Jobs;

/// <summary>Ends a job as FAILED with a spec failure type; anything else thrown is a <c>system</c> failure.</summary>
public sealed class JobFailedException(string failureType, string message, string? sceneId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string FailureType { get; } = failureType;

    public string? SceneId { get; } = sceneId;

    public static JobFailedException Validation(string message, string? sceneId = null) =>
        new(FailureTypes.Validation, message, sceneId);

    public static JobFailedException System(string message, string? sceneId = null, Exception? inner = null) =>
        new(FailureTypes.System, message, sceneId, inner);
}
