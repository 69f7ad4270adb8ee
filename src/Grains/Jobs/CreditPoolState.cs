namespace Framecast.Grains.Jobs;

/// <summary>
/// A pool as its grain holds it: the balance, the version of the pool's own columns (credits and
/// credits_version of the users or teams row), the limit and the active jobs.
/// </summary>
/// <param name="UrgentAllowed">Whether the pool may admit urgent jobs (spec/pricing.md: creator users and teams).</param>
public sealed record CreditPoolState(int Credits, long Version, int ConcurrencyLimit, IReadOnlyList<ActiveJob> ActiveJobs, bool UrgentAllowed = true);

public sealed record ActiveJob(Guid Id, Guid? ProjectId);
