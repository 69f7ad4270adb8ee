using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Spec 07 §12: full refund for system faults and timeouts, partial for validation failures, partial
/// less a 10 % fee for cancellations, none for completed jobs. Integer arithmetic, so 0.7 × 0.9 is 63 %, not 62.
/// </summary>
public static class RefundPolicy
{
    public static int Refund(int charged, JobStatus status, FailureType? failureType, decimal percent)
    {
        if (status == JobStatus.Completed || failureType is null)
        {
            return 0;
        }
        var remaining = 100m - Math.Clamp(percent, 0m, 100m);
        var refund = failureType switch
        {
            FailureType.System or FailureType.Timeout => charged,
            FailureType.Validation => (int)Math.Floor(charged * remaining / 100m),
            FailureType.Canceled => Math.Min((int)Math.Floor(charged * remaining * 9m / 1000m), (int)Math.Floor(charged * 0.9m)),
            _ => 0,
        };
        return Math.Clamp(refund, 0, charged);
    }
}
