using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class InvitationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    private static Task<Reply> Invite(TestUser inviter, Guid teamId, string email, string? role = null) =>
        inviter.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/invitations", role is null ? new { email } : new { email, role });

    [Fact]
    public async Task An_invitation_is_pending_for_seven_days_carries_its_token_once_and_records_the_email()
    {
        var owner = await _factory.CreatorAsync();
        var email = AccountsHarness.NewEmail("invitee");

        var created = await Invite(owner, owner.MyTeamId!.Value, email.ToUpperInvariant());
        var listed = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{owner.MyTeamId}/invitations");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(email, created.Str("email"));
        Assert.Equal("member", created.Str("role"));
        Assert.Equal("pending", created.Str("state"));
        Assert.Equal(43, created.Str("token").Length);
        Assert.Contains($"/v1/invitations/{created.Id()}/accept", created.Str("accept_url"));
        var lifetime = created.Body.GetProperty("expires_at").GetDateTimeOffset() - created.Body.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(lifetime.TotalDays, 6.99, 7.01);
        var row = Assert.Single(listed.Body.EnumerateArray());
        Assert.False(row.TryGetProperty("token", out _));
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM outbound_emails WHERE invitation_id = @id AND to_email = @email", new { id = created.Id(), email }));
    }

    [Fact]
    public async Task Invitations_refuse_self_members_owner_role_and_bad_emails()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));

        (await Invite(owner, teamId, owner.Email)).AssertError(HttpStatusCode.BadRequest, "CANNOT_TARGET_SELF");
        (await Invite(owner, teamId, member.Email)).AssertError(HttpStatusCode.Conflict, "ALREADY_MEMBER");
        (await Invite(owner, teamId, AccountsHarness.NewEmail(), "owner")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Invite(owner, teamId, AccountsHarness.NewEmail(), "boss")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Invite(owner, teamId, "nope")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Invite(owner, teamId, new string('a', 250) + "@b.com")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM invitations WHERE team_id = @teamId", new { teamId })); // the member's own, accepted
    }

    [Fact]
    public async Task A_starter_accepting_is_upgraded_with_a_personal_team_and_joins_with_the_invited_role()
    {
        var owner = await _factory.CreatorAsync();
        var starter = await _factory.StarterAsync();
        var invitation = await Invite(owner, owner.MyTeamId!.Value, starter.Email, "viewer");

        var accepted = await starter.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept");

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("viewer", accepted.Str("role"));
        Assert.Equal(owner.MyTeamId, accepted.Body.GetProperty("team_id").GetGuid());
        var me = await starter.Client.Call(HttpMethod.Get, "/v1/account");
        Assert.Equal("creator", me.Str("tier"));
        var teams = await starter.Client.Call(HttpMethod.Get, "/v1/teams");
        Assert.Equal(2, teams.Body.GetArrayLength());
        var state = (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{owner.MyTeamId}/invitations")).Body[0].GetProperty("state").GetString();
        Assert.Equal("accepted", state);
        (await starter.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
    }

    [Fact]
    public async Task Accepting_by_token_works_for_the_invited_email()
    {
        var owner = await _factory.CreatorAsync();
        var creator = await _factory.CreatorAsync();
        var invitation = await Invite(owner, owner.MyTeamId!.Value, creator.Email, "admin");

        var accepted = await creator.Client.Call(HttpMethod.Post, "/v1/invitations/accept-token", new { token = invitation.Str("token") });

        Assert.Equal("admin", accepted.Str("role"));
        (await creator.Client.Call(HttpMethod.Post, "/v1/invitations/accept-token", new { token = "nope" })).AssertError(HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
    }

    [Fact]
    public async Task Only_the_invited_email_may_accept_or_decline()
    {
        var owner = await _factory.CreatorAsync();
        var other = await _factory.CreatorAsync();
        var invitation = await Invite(owner, owner.MyTeamId!.Value, AccountsHarness.NewEmail());

        (await other.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept")).AssertError(HttpStatusCode.Forbidden, "INVITATION_EMAIL_MISMATCH");
        (await other.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/decline")).AssertError(HttpStatusCode.Forbidden, "INVITATION_EMAIL_MISMATCH");
        (await other.Client.Call(HttpMethod.Post, $"/v1/invitations/{Guid.NewGuid()}/accept")).AssertError(HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
    }

    [Fact]
    public async Task Declined_revoked_and_expired_invitations_cannot_be_used()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = owner.MyTeamId!.Value;
        var (a, b, c) = (await _factory.StarterAsync(), await _factory.StarterAsync(), await _factory.StarterAsync());
        var declined = await Invite(owner, teamId, a.Email);
        var revoked = await Invite(owner, teamId, b.Email);
        var expired = await Invite(owner, teamId, c.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.Call(HttpMethod.Post, $"/v1/invitations/{declined.Id()}/decline")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/invitations/{revoked.Id()}")).Status);
        await _factory.ExecAsync("UPDATE invitations SET expires_at = created_at + interval '1 millisecond' WHERE id = @id", new { id = expired.Id() });

        (await a.Client.Call(HttpMethod.Post, $"/v1/invitations/{declined.Id()}/accept")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
        (await b.Client.Call(HttpMethod.Post, $"/v1/invitations/{revoked.Id()}/accept")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
        (await c.Client.Call(HttpMethod.Post, $"/v1/invitations/{expired.Id()}/accept")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
        (await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/invitations/{expired.Id()}/resend")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
        (await owner.Client.Call(HttpMethod.Delete, $"/v1/teams/{teamId}/invitations/{revoked.Id()}")).AssertError(HttpStatusCode.Conflict, "INVITATION_NOT_ACTIONABLE");
        var states = (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}/invitations")).Body.EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetGuid(), i => i.GetProperty("state").GetString());
        Assert.Equal("declined", states[declined.Id()]);
        Assert.Equal("revoked", states[revoked.Id()]);
        Assert.Equal("expired", states[expired.Id()]);
        Assert.Equal("starter", (await a.Client.Call(HttpMethod.Get, "/v1/account")).Str("tier"));
    }

    [Fact]
    public async Task Resend_extends_the_expiry_and_reinviting_revokes_the_previous_invitation()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = owner.MyTeamId!.Value;
        var email = AccountsHarness.NewEmail();
        var first = await Invite(owner, teamId, email);
        await _factory.ExecAsync("UPDATE invitations SET expires_at = now() + interval '1 hour' WHERE id = @id", new { id = first.Id() });

        var resent = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/invitations/{first.Id()}/resend");
        var second = await Invite(owner, teamId, email);

        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.True(resent.Body.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6.9));
        Assert.Equal(first.Str("token"), resent.Str("token"));
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("revoked", await _factory.SqlAsync<string>(
            "SELECT CASE WHEN revoked_at IS NOT NULL THEN 'revoked' ELSE 'pending' END FROM invitations WHERE id = @id", new { id = first.Id() }));
        Assert.Equal(2, await _factory.SqlAsync<int>("SELECT count(*)::int FROM outbound_emails WHERE invitation_id = @id", new { id = first.Id() }));
    }

    [Fact]
    public async Task A_team_may_create_twenty_invitations_per_utc_day()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = owner.MyTeamId!.Value;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Invite(owner, teamId, AccountsHarness.NewEmail())).Status);
        }

        (await Invite(owner, teamId, AccountsHarness.NewEmail())).AssertError(HttpStatusCode.TooManyRequests, "INVITATION_RATE_LIMIT");
    }

    [Fact]
    public async Task A_team_may_have_fifty_pending_invitations()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = owner.MyTeamId!.Value;
        await _factory.ExecAsync("""
            INSERT INTO invitations (team_id, invited_by, email, token, created_at, expires_at)
            SELECT @teamId, @Id, 'old' || g || '@example.com', md5(random()::text || g), now() - interval '2 days', now() + interval '5 days'
            FROM generate_series(1, 50) g
            """, new { teamId, owner.Id });

        (await Invite(owner, teamId, AccountsHarness.NewEmail())).AssertError(HttpStatusCode.Conflict, "PENDING_INVITATION_LIMIT_REACHED");
    }

    [Fact]
    public async Task A_member_already_in_the_team_cannot_accept_again()
    {
        var owner = await _factory.CreatorAsync();
        var user = await _factory.CreatorAsync();
        var invitation = await Invite(owner, owner.MyTeamId!.Value, user.Email);
        await _factory.JoinAsync(owner, await _factory.TeamWithAsync(owner), user, "member"); // unrelated team
        await _factory.ExecAsync("INSERT INTO memberships (team_id, user_id, role) VALUES (@MyTeamId, @Id, 'viewer')", new { owner.MyTeamId, user.Id });

        (await user.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept")).AssertError(HttpStatusCode.Conflict, "ALREADY_MEMBER");
    }
}
