using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// The single point through which every job of one credit pool is admitted and settled: its
/// turns serialize the concurrency limits and the credit arithmetic. Keyed by <see cref="CreditPool.Key"/>.
/// </summary>
public interface ICreditPoolGrain : IGrainWithStringKey
{
    /// <summary>Checks the limits and the balance, debits, and inserts the queued job and its first event, in one transaction.</summary>
    Task<AdmissionResult> AdmitAsync(AdmitJobCommand command);

    /// <summary>Ends a job once: status, refund, usage, final event. A job already terminal is returned unchanged.</summary>
    Task<JobRecord> SettleAsync(JobSettlement settlement);
}
