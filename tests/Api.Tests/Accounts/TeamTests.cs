using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class TeamTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task Creating_a_team_makes_the_caller_its_owner_with_a_generated_slug()
    {
        var user = await _factory.CreatorAsync();

        var reply = await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "Crème Brûlée Studio" });

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var team = reply.Body.GetProperty("team");
        Assert.Matches("^creme-brulee-studio-[0-9a-f]{8}$", team.GetProperty("slug").GetString());
        Assert.Equal(0, team.GetProperty("credits").GetInt32());
        Assert.Equal("{}", team.GetProperty("settings").GetRawText());
        Assert.Equal("owner", reply.Body.GetProperty("membership").GetProperty("role").GetString());
        Assert.Equal(user.Id, reply.Body.GetProperty("membership").GetProperty("user_id").GetGuid());
    }

    [Fact]
    public async Task A_long_name_gives_a_slug_of_at_most_50_characters()
    {
        var user = await _factory.CreatorAsync();

        var reply = await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = new string('x', 100) });

        Assert.True(reply.Body.GetProperty("team").GetProperty("slug").GetString()!.Length <= 50);
    }

    [Fact]
    public async Task A_given_slug_is_kept_and_a_taken_one_is_refused()
    {
        var user = await _factory.CreatorAsync();
        var slug = "studio-" + Guid.NewGuid().ToString("N")[..8];

        var first = await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "A", slug });
        var second = await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "B", slug });

        Assert.Equal(slug, first.Body.GetProperty("team").GetProperty("slug").GetString());
        second.AssertError(HttpStatusCode.Conflict, "SLUG_TAKEN");
    }

    [Theory]
    [InlineData("""{"name": ""}""")]
    [InlineData("""{"name": "   "}""")]
    [InlineData("""{"name": "NAME_101"}""")]
    [InlineData("""{"name": "ok", "slug": "Bad Slug"}""")]
    [InlineData("""{"name": "ok", "slug": "a--b"}""")]
    [InlineData("""{"name": "ok", "slug": "-ab"}""")]
    [InlineData("""{"name": "ok", "slug": "SLUG_51"}""")]
    [InlineData("""{"slug": "no-name"}""")]
    [InlineData("""{"name": 12}""")]
    public async Task Invalid_names_and_slugs_are_refused_and_create_nothing(string body)
    {
        var user = await _factory.CreatorAsync();

        var reply = await user.Client.Send(HttpMethod.Post, "/v1/teams",
            body.Replace("NAME_101", new string('n', 101)).Replace("SLUG_51", new string('s', 51)));

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task A_starter_cannot_create_or_list_teams()
    {
        var user = await _factory.StarterAsync();

        (await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "x" })).AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");
        (await user.Client.Call(HttpMethod.Get, "/v1/teams")).AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");
    }

    [Fact]
    public async Task The_eleventh_owned_team_is_refused()
    {
        var user = await _factory.CreatorAsync();
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = $"T{i}" })).Status);
        }

        (await user.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "T10" })).AssertError(HttpStatusCode.Conflict, "OWNED_TEAM_LIMIT_REACHED");
    }

    [Fact]
    public async Task List_shows_the_callers_teams_by_name_with_the_callers_role()
    {
        var owner = await _factory.CreatorAsync();
        var user = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (user, "viewer"));
        await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}", new { name = "Alpha" });

        var list = await user.Client.Call(HttpMethod.Get, "/v1/teams");

        var teams = list.Body.EnumerateArray().ToList();
        Assert.Equal(["Alpha", "My Team"], teams.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["viewer", "owner"], teams.Select(t => t.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_team_the_caller_does_not_belong_to_answers_404_like_a_missing_one()
    {
        var owner = await _factory.CreatorAsync();
        var stranger = await _factory.CreatorAsync();

        (await stranger.Client.Call(HttpMethod.Get, $"/v1/teams/{owner.MyTeamId}")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/teams/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
    }

    [Fact]
    public async Task Update_changes_name_and_settings_but_never_the_slug()
    {
        var owner = await _factory.CreatorAsync();

        var updated = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{owner.MyTeamId}", new { name = "Renamed", settings = new { locale = "fr" } });
        var slugChange = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{owner.MyTeamId}", new { slug = "new-slug" });
        var notObject = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{owner.MyTeamId}", new { settings = new[] { 1 } });
        var blank = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{owner.MyTeamId}", new { name = " " });

        Assert.Equal("Renamed", updated.Str("name"));
        Assert.Equal("fr", updated.Body.GetProperty("settings").GetProperty("locale").GetString());
        slugChange.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        notObject.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        blank.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("Renamed", (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{owner.MyTeamId}")).Str("name"));
    }

    [Fact]
    public async Task Deleting_a_team_needs_the_owner_to_be_its_only_member()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));

        (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}")).AssertError(HttpStatusCode.Conflict, "TEAM_NOT_EMPTY");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{member.Id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}")).Status);
        (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
    }
}
