namespace Framecast.Grains.Jobs;

/// <summary>
/// A job grain's checkpoint in Orleans grain storage: what it needs to resume driving the worker on
/// another silo, and that no query reads across jobs.
/// </summary>
[GenerateSerializer, Alias("framecast.JobDriveState")]
public sealed class JobDriveState
{
    /// <summary>The RunPod request id, once /run answered. A resumed job follows it and never submits again.</summary>
    [Id(0)]
    public string? WorkerRequestId { get; set; }

    /// <summary>When the submission began; the job's running time counts from here until the worker starts it.</summary>
    [Id(1)]
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>How often the job was submitted again after the worker canceled a request the job still wanted.</summary>
    [Id(2)]
    public int Resubmissions { get; set; }
}
