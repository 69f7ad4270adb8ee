using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Storage of a credit pool (the users or teams row that holds the balance) and of the jobs it
/// admits and settles. Each write is one transaction conditional on the pool row's version and
/// throws <see cref="Abstractions.Runtime.GrainStateConflictException"/> when another writer moved first.
/// </summary>
public interface ICreditPoolStore
{
    /// <summary>Null when the user or team does not exist.</summary>
    Task<CreditPoolState?> LoadAsync(CreditPool pool);

    /// <summary>The job as it is now; settlement reads it inside the pool's turn.</summary>
    Task<JobRecord> FindJobAsync(Guid jobId);

    Task<(JobRecord Job, string? RequestHash)?> FindByIdempotencyKeyAsync(Guid triggeredBy, string idempotencyKey);

    Task<AdmitOutcome> AdmitAsync(CreditPool pool, long expectedVersion, AdmitJobCommand command);

    /// <summary>Applies a settlement to a job that is still active; returns the ended job and the pool's new version.</summary>
    Task<(JobRecord Job, long NewVersion)> SettleAsync(CreditPool pool, long expectedVersion, JobRecord job, JobSettlement settlement, int refund);
}
