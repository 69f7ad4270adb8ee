namespace Framecast.Grains.Jobs;

/// <summary>Active-job limits (spec 07 §2): a starter 1, a creator's personal URN 5, a team 5 (team and membership URNs together).</summary>
public static class JobLimits
{
    public const int Starter = 1;

    public const int CreatorPersonal = 5;

    public const int Team = 5;
}
