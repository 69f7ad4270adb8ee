using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Usage;
using Npgsql;

namespace Framecast.Silo.Storage.Usage;

/// <summary>
/// Reads of the usage rows, which the credit pools write in their admission and settlement transactions. A team URN
/// stands for the team's whole credit pool: its own rows and those of every membership URN of the team, since both
/// are billed to the team's credits.
/// </summary>
public sealed class UsageQueries(NpgsqlDataSource dataSource)
{
    /// <summary>One row per month with usage in [<paramref name="from"/>, <paramref name="to"/>], newest first.</summary>
    public async Task<IReadOnlyList<UsagePeriod>> ListAsync(OwnerUrn owner, string from, string to, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UsageRow>(new CommandDefinition($"""
            SELECT period AS Period, sum(renders_count)::int AS RendersCount, sum(render_seconds)::int AS RenderSeconds,
                   sum(credits_used)::int AS CreditsUsed, sum(credits_refunded)::int AS CreditsRefunded, max(updated_at) AS UpdatedAt
            FROM usage
            WHERE {OwnerFilter} AND period BETWEEN @from AND @to
            GROUP BY period
            ORDER BY period DESC
            """, Arguments(owner, from, to), cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPeriod())];
    }

    /// <summary>The month's usage of <paramref name="owner"/>; zeros when nothing was booked.</summary>
    public async Task<UsagePeriod> MonthAsync(OwnerUrn owner, string period, CancellationToken cancellationToken = default) =>
        (await ListAsync(owner, period, period, cancellationToken)).SingleOrDefault() ?? UsagePeriod.Empty(period);

    // Membership URNs are framecast:{team_id}:{user_id}; a uuid holds no LIKE wildcard.
    private const string OwnerFilter = "(owner = @owner OR owner LIKE @members)";

    private static object Arguments(OwnerUrn owner, string from, string to) => new
    {
        owner = owner.ToString(),
        members = owner.Kind == OwnerUrnKind.Team ? $"framecast:{owner.TeamId:D}:%" : null,
        from,
        to,
    };

    private sealed record UsageRow(string Period, int RendersCount, int RenderSeconds, int CreditsUsed, int CreditsRefunded, DateTime UpdatedAt)
    {
        public UsagePeriod ToPeriod() =>
            new(Period, RendersCount, RenderSeconds, CreditsUsed, CreditsRefunded, new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
    }
}
