namespace Framecast.Grains.Jobs;

/// <summary>
/// A pool as its grain holds it: the balance, the version of the pool's own columns (credits and
/// credits_version of the users or teams row), the limit and the active jobs.
/// </summary>
public sealed record CreditPoolState(int Credits, long Version, int ConcurrencyLimit, IReadOnlyList<ActiveJob> ActiveJobs);

public sealed record ActiveJob(Guid Id, Guid? ProjectId);
