using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class AccountTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task The_profile_has_the_ten_user_fields_and_this_months_usage()
    {
        var user = await _factory.StarterAsync();

        var me = await user.Client.Call(HttpMethod.Get, "/v1/account");

        var names = me.Body.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(new[] { "avatar_url", "created_at", "credits", "email", "ephemeral_storage_bytes", "id", "name", "tier", "updated_at", "upgraded_at", "usage" }, names);
        Assert.Equal(0, me.Body.GetProperty("usage").GetProperty("credits_used").GetInt32());
    }

    [Fact]
    public async Task Patch_changes_only_the_given_fields_and_null_clears()
    {
        var user = await _factory.StarterAsync();

        var named = await user.Client.Call(HttpMethod.Patch, "/v1/account", new { name = "Ada", avatar_url = "https://example.com/a.png" });
        var renamed = await user.Client.Call(HttpMethod.Patch, "/v1/account", new { name = "Ada L." });
        var cleared = await user.Client.Call(HttpMethod.Patch, "/v1/account", new { avatar_url = (string?)null });

        Assert.Equal("Ada", named.Str("name"));
        Assert.Equal("https://example.com/a.png", renamed.Str("avatar_url"));
        Assert.Equal("Ada L.", cleared.Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Body.GetProperty("avatar_url").ValueKind);
    }

    [Theory]
    [InlineData("""{"name": "THIS_IS_101"}""")]
    [InlineData("""{"avatar_url": "not a url"}""")]
    [InlineData("""{"avatar_url": "ftp://example.com/a.png"}""")]
    [InlineData("""{"email": "new@example.com"}""")]
    [InlineData("""{"tier": "creator"}""")]
    [InlineData("""{"credits": 1000000}""")]
    [InlineData("""{"name": 42}""")]
    [InlineData("""[1, 2]""")]
    public async Task Patch_refuses_bad_or_unwritable_fields_and_changes_nothing(string body)
    {
        var user = await _factory.StarterAsync();
        var before = await user.Client.Call(HttpMethod.Get, "/v1/account");

        var reply = await user.Client.Send(HttpMethod.Patch, "/v1/account", body.Replace("THIS_IS_101", new string('n', 101)));

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(before.Body.ToString(), (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.ToString());
    }

    [Fact]
    public async Task Upgrade_makes_a_creator_with_my_team_an_owner_membership_and_the_welcome_project()
    {
        var user = await _factory.StarterAsync();

        var upgrade = await user.Client.Call(HttpMethod.Post, "/v1/account/upgrade");

        Assert.Equal(HttpStatusCode.OK, upgrade.Status);
        Assert.Equal("creator", upgrade.Body.GetProperty("user").GetProperty("tier").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, upgrade.Body.GetProperty("user").GetProperty("upgraded_at").ValueKind);
        var team = upgrade.Body.GetProperty("team");
        Assert.Equal("My Team", team.GetProperty("name").GetString());
        Assert.Matches("^my-team-[0-9a-f]{8}$", team.GetProperty("slug").GetString());
        Assert.Equal(0, team.GetProperty("credits").GetInt32());
        Assert.Equal("owner", upgrade.Body.GetProperty("membership").GetProperty("role").GetString());
        var teamId = team.GetProperty("id").GetGuid();
        if (await _factory.SqlAsync<bool>("SELECT to_regclass('public.projects') IS NOT NULL"))
        {
            Assert.Equal("Welcome to Framecast", await _factory.SqlAsync<string>(
                "SELECT name FROM projects WHERE team_id = @teamId AND created_by = @Id AND status = 'draft' AND spec IS NOT NULL", new { teamId, user.Id }));
        }
    }

    [Fact]
    public async Task Upgrading_a_creator_changes_nothing_and_returns_its_first_team()
    {
        var user = await _factory.CreatorAsync();

        var again = await user.Client.Call(HttpMethod.Post, "/v1/account/upgrade");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(user.MyTeamId, again.Body.GetProperty("team").GetProperty("id").GetGuid());
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_sole_member_teams_memberships_and_keys()
    {
        var user = await _factory.CreatorAsync();
        await user.ApiKeyAsync();
        var other = await _factory.CreatorAsync();
        var shared = await _factory.TeamWithAsync(other, (user, "member"));

        var reply = await user.Client.Call(HttpMethod.Delete, "/v1/account");

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM teams WHERE id = @MyTeamId", new { user.MyTeamId }));
        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE user_id = @Id", new { user.Id }));
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @shared", new { shared }));
    }

    [Fact]
    public async Task The_only_owner_of_a_team_with_other_members_cannot_delete_the_account()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        await _factory.TeamWithAsync(owner, (member, "admin"));

        var reply = await owner.Client.Call(HttpMethod.Delete, "/v1/account");

        reply.AssertError(HttpStatusCode.Conflict, "LAST_OWNER");
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Get, "/v1/account")).Status);
    }

    [Fact]
    public async Task An_owner_with_a_co_owner_can_delete_the_account()
    {
        var owner = await _factory.CreatorAsync();
        var coOwner = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (coOwner, "owner"));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, "/v1/account")).Status);
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @teamId", new { teamId }));
    }

    [Fact]
    public async Task Deleting_an_account_needs_a_jwt()
    {
        var user = await _factory.StarterAsync();
        var key = _factory.ClientWith(await user.ApiKeyAsync());

        (await key.Call(HttpMethod.Delete, "/v1/account")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
