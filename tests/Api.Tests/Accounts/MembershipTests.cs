using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class MembershipTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task Members_are_listed_by_role_then_name_with_their_user()
    {
        var owner = await _factory.CreatorAsync();
        var (viewer, admin, member) = (await _factory.CreatorAsync(), await _factory.CreatorAsync(), await _factory.CreatorAsync());
        var teamId = await _factory.TeamWithAsync(owner, (viewer, "viewer"), (member, "member"), (admin, "admin"));

        var list = await viewer.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}/members");

        var rows = list.Body.EnumerateArray().ToList();
        Assert.Equal(["owner", "admin", "member", "viewer"], rows.Select(r => r.GetProperty("role").GetString()));
        Assert.Equal(admin.Email, rows[1].GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(rows[1].GetProperty("user_id").GetGuid(), rows[1].GetProperty("user").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_owner_can_promote_to_owner_and_an_admin_can_change_non_owners()
    {
        var owner = await _factory.CreatorAsync();
        var (admin, member) = (await _factory.CreatorAsync(), await _factory.CreatorAsync());
        var teamId = await _factory.TeamWithAsync(owner, (admin, "admin"), (member, "member"));

        var toViewer = await admin.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{member.Id}", new { role = "viewer" });
        var adminToOwner = await admin.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{member.Id}", new { role = "owner" });
        var adminOnOwner = await admin.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{owner.Id}", new { role = "member" });
        var ownerPromotes = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{admin.Id}", new { role = "owner" });

        Assert.Equal("viewer", toViewer.Str("role"));
        adminToOwner.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        adminOnOwner.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        Assert.Equal("owner", ownerPromotes.Str("role"));
    }

    [Fact]
    public async Task Role_changes_refuse_self_targets_non_members_and_unknown_roles()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));

        (await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{owner.Id}", new { role = "admin" })).AssertError(HttpStatusCode.BadRequest, "CANNOT_TARGET_SELF");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{Guid.NewGuid()}", new { role = "admin" })).AssertError(HttpStatusCode.NotFound, "MEMBER_NOT_FOUND");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{member.Id}", new { role = "superuser" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{member.Id}", new { role = 1 })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await member.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{owner.Id}", new { role = "viewer" })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        Assert.Equal("owner", await _factory.SqlAsync<string>("SELECT role::text FROM memberships WHERE team_id = @teamId AND user_id = @Id", new { teamId, owner.Id }));
    }

    [Fact]
    public async Task Demoting_one_of_two_owners_works_and_the_team_keeps_one()
    {
        var a = await _factory.CreatorAsync();
        var b = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(a, (b, "owner"));

        Assert.Equal("admin", (await b.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{a.Id}", new { role = "admin" })).Str("role"));
        (await a.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{b.Id}", new { role = "admin" })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
    }

    [Fact]
    public async Task Removal_follows_the_role_rules()
    {
        var owner = await _factory.CreatorAsync();
        var (admin, member, coOwner) = (await _factory.CreatorAsync(), await _factory.CreatorAsync(), await _factory.CreatorAsync());
        var teamId = await _factory.TeamWithAsync(owner, (admin, "admin"), (member, "member"), (coOwner, "owner"));

        (await admin.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{coOwner.Id}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await member.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{admin.Id}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await admin.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{admin.Id}")).AssertError(HttpStatusCode.BadRequest, "CANNOT_TARGET_SELF");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{member.Id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/members/{coOwner.Id}")).Status);
        (await member.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        Assert.Equal(2, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @teamId", new { teamId }));
    }

    [Fact]
    public async Task The_last_owner_cannot_leave_while_others_remain_but_others_can()
    {
        var owner = await _factory.CreatorAsync();
        var viewer = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (viewer, "viewer"));

        (await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/leave")).AssertError(HttpStatusCode.Conflict, "LAST_OWNER");
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/leave")).Status);
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @teamId", new { teamId }));
    }

    [Fact]
    public async Task The_last_member_leaving_deletes_the_team()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/leave")).Status);

        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM teams WHERE id = @teamId", new { teamId }));
    }

    [Fact]
    public async Task The_database_refuses_to_leave_a_team_without_an_owner_even_behind_the_grains_back()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _factory.ExecAsync("UPDATE memberships SET role = 'admin' WHERE team_id = @teamId AND user_id = @Id", new { teamId, owner.Id }));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _factory.ExecAsync("DELETE FROM memberships WHERE team_id = @teamId AND user_id = @Id", new { teamId, owner.Id }));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _factory.ExecAsync("UPDATE users SET credits = -1 WHERE id = @Id", new { owner.Id }));
    }
}
