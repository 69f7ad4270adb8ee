using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>The team grain serializes membership changes and the user grain serializes team creation.</summary>
public sealed class RaceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task Twenty_parallel_demotions_and_removals_of_a_two_owner_team_leave_at_least_one_owner()
    {
        var a = await _factory.CreatorAsync();
        var b = await _factory.CreatorAsync();
        var c = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(a, (b, "owner"), (c, "member"));

        var calls = Enumerable.Range(0, 20).Select(i => (i % 4) switch
        {
            0 => a.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{b.Id}", new { role = "viewer" }),
            1 => b.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{a.Id}", new { role = "admin" }),
            2 => a.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{b.Id}"),
            _ => b.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{a.Id}"),
        });
        var replies = await Task.WhenAll(calls);

        Assert.All(replies, r => Assert.True((int)r.Status < 500, $"{(int)r.Status} {r.Body}"));
        Assert.Contains(replies, r => r.Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        var owners = await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @teamId AND role = 'owner'", new { teamId });
        Assert.True(owners >= 1, "the team lost every owner");
        Assert.Equal(1, owners);
    }

    [Fact]
    public async Task Twenty_parallel_team_creations_by_one_user_stop_exactly_at_the_owned_teams_limit()
    {
        var user = await _factory.CreatorAsync(); // owns "My Team" already

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = $"Parallel {i}" })));

        Assert.Equal(9, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(HttpStatusCode.Conflict, "OWNED_TEAM_LIMIT_REACHED"));
        var owned = await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE user_id = @Id AND role = 'owner'", new { user.Id });
        Assert.Equal(10, owned);
    }
}
