namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// The single writer of one credit pool's balance: every job of the pool is admitted and settled
/// here, and operator grants go through here too, so its turns serialize the concurrency limits
/// (CARD-5, CARD-6, INV-J12) and the credit arithmetic. Keyed by <see cref="CreditPool.Key"/>.
/// </summary>
[Alias("framecast.ICreditPoolGrain")]
public interface ICreditPoolGrain : IGrainWithStringKey
{
    /// <summary>Checks the limits and the balance, debits, and inserts the queued job and its first event, in one transaction.</summary>
    Task<AdmissionResult> AdmitAsync(AdmitJobCommand command);

    /// <summary>Ends a job once: status, refund, usage, final event. A job already terminal is returned unchanged.</summary>
    Task<JobRecord> SettleAsync(JobRecord job, JobSettlement settlement);

    /// <summary>Adds (or, negative, removes) credits; never below zero (402 INSUFFICIENT_CREDITS). Recorded in the ledger.</summary>
    Task<Accounts.CreditChange> AdjustCreditsAsync(int delta, string reason, Guid? jobId);

    /// <summary>The balance as this pool holds it: the user and team grains answer with it.</summary>
    [ReadOnly]
    Task<int> GetBalanceAsync();

    /// <summary>The pool's usage in the current UTC month (for a team: its own URN and its members' membership URNs).</summary>
    [ReadOnly]
    Task<Usage.UsagePeriod> GetUsageAsync();

    /// <summary>The owner's tier changed (and with it the concurrency limit): reload before the next call.</summary>
    [AlwaysInterleave]
    Task RefreshAsync();
}
