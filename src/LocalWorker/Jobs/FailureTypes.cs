namespace Framecast.LocalWorker.Jobs;

/// <summary>The <c>Job.failure_type</c> values of spec 06 §6.4; the API maps them to refunds.</summary>
public static class FailureTypes
{
    public const string System = "system";
    public const string Timeout = "timeout";
    public const string Validation = "validation";
    public const string Canceled = "canceled";

    public static bool IsKnown(string value) => value is System or Timeout or Validation or Canceled;
}
