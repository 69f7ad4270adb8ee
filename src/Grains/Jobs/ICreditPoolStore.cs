using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Usage;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Storage of a credit pool (the credits of a users or teams row) and of the jobs it admits and
/// settles. Each write is one transaction conditional on the pool's credits_version and throws
/// <see cref="Persistence.StaleStateException"/> when another writer moved first.
/// </summary>
public interface ICreditPoolStore
{
    /// <summary>Null when the user or team does not exist.</summary>
    Task<CreditPoolState?> LoadAsync(CreditPool pool);

    /// <summary>The job as it is now: settlement reads it when the job grain's copy turns out to be behind.</summary>
    Task<JobRecord> FindJobAsync(Guid jobId);

    Task<(JobRecord Job, string? RequestHash)?> FindByIdempotencyKeyAsync(Guid triggeredBy, string idempotencyKey);

    Task<AdmitOutcome> AdmitAsync(CreditPool pool, long expectedVersion, AdmitJobCommand command);

    /// <summary>Applies a settlement to a job that is still active; returns the ended job and the pool's new version.</summary>
    Task<(JobRecord Job, long NewVersion)?> SettleAsync(CreditPool pool, long expectedVersion, JobRecord job, JobSettlement settlement, int refund);

    /// <summary>The pool's usage row(s) of <paramref name="period"/>, summed; zeros when none.</summary>
    Task<UsagePeriod> LoadUsageAsync(CreditPool pool, string period);

    /// <summary>credits += delta plus its ledger row; never below zero (402). Returns the change and the pool's new version.</summary>
    Task<(CreditChange Change, long NewVersion)> AdjustAsync(CreditPool pool, long expectedVersion, int delta, string reason, Guid? jobId);
}
