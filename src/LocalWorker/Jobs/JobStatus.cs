namespace Framecast.LocalWorker.Jobs;

/// <summary>RunPod's job states, spelled as RunPod spells them on the wire.</summary>
public static class JobStatus
{
    public const string InQueue = "IN_QUEUE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string TimedOut = "TIMED_OUT";

    public static bool IsTerminal(string status) =>
        status is Completed or Failed or Cancelled or TimedOut;
}
