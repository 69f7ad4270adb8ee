namespace Framecast.Grains.Abstractions.Jobs;

[GenerateSerializer, Alias("framecast.JobStatus")]
public enum JobStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
    Canceled,
}

[GenerateSerializer, Alias("framecast.FailureType")]
public enum FailureType
{
    System,
    Validation,
    Timeout,
    Canceled,
}

[GenerateSerializer, Alias("framecast.JobEventType")]
public enum JobEventType
{
    Queued,
    Started,
    Progress,
    SceneComplete,
    Completed,
    Failed,
    Canceled,
    /// <summary>A waiting job's new place in the worker queue; it sends no webhook.</summary>
    QueuePosition,
}

public static class JobStates
{
    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled;

    public static bool IsTerminal(this JobEventType type) => type is JobEventType.Completed or JobEventType.Failed or JobEventType.Canceled;

    /// <summary>The database enums' spelling (snake_case).</summary>
    public static string ToDb(this JobStatus status) => status.ToString().ToLowerInvariant();

    public static string ToDb(this FailureType type) => type.ToString().ToLowerInvariant();

    public static string ToDb(this JobEventType type) => type switch
    {
        JobEventType.SceneComplete => "scene_complete",
        JobEventType.QueuePosition => "queue_position",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static JobStatus ParseStatus(string value) => Enum.Parse<JobStatus>(value, ignoreCase: true);

    public static FailureType ParseFailureType(string value) => Enum.Parse<FailureType>(value, ignoreCase: true);

    public static JobEventType ParseEventType(string value) => Enum.Parse<JobEventType>(value.Replace("_", ""), ignoreCase: true);
}
