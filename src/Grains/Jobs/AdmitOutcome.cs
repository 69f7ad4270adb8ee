using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>What the store made of an admission: the new job, or the job that already holds the idempotency key.</summary>
public abstract record AdmitOutcome
{
    public sealed record Admitted(JobRecord Job, long NewVersion) : AdmitOutcome;

    public sealed record DuplicateKey : AdmitOutcome;
}
