using Framecast.Grains.Abstractions.Usage;

namespace Framecast.Api.Usage;

/// <summary><c>GET /v1/usage</c>: an owner's months, newest first, and their sum. A team URN covers the team's whole credit pool.</summary>
public sealed record UsageResponse(string Owner, string From, string To, IReadOnlyList<UsagePeriod> Periods, UsageTotals Totals)
{
    public static UsageResponse Of(string owner, string from, string to, IReadOnlyList<UsagePeriod> periods) =>
        new(owner, from, to, periods, new UsageTotals(
            periods.Sum(p => p.RendersCount), periods.Sum(p => p.RenderSeconds), periods.Sum(p => p.CreditsUsed), periods.Sum(p => p.CreditsRefunded)));
}

public sealed record UsageTotals(int RendersCount, int RenderSeconds, int CreditsUsed, int CreditsRefunded)
{
    public int NetCredits => CreditsUsed - CreditsRefunded;
}
