using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>Malformed JSON, wrong types, unknown enum values, over-long strings, bad URNs and bad UUIDs in paths:
/// always a 4xx in the envelope, never a 500, and nothing changes.</summary>
public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    public static IEnumerable<object[]> Bodies() => new (string Method, string Path, string Body)[]
    {
        ("POST", "/v1/teams", "{"),
        ("POST", "/v1/teams", "null"),
        ("POST", "/v1/teams", "[]"),
        ("POST", "/v1/teams", """{"name": null}"""),
        ("POST", "/v1/teams", """{"name": ["a"]}"""),
        ("POST", "/v1/teams", """{"name": "LONG"}"""),
        ("POST", "/v1/teams", """{"name": "x", "slug": 5}"""),
        ("PATCH", "/v1/teams/TEAM", """{"name": "LONG"}"""),
        ("PATCH", "/v1/teams/TEAM", """{"settings": "dark"}"""),
        ("PATCH", "/v1/teams/TEAM", "not json"),
        ("PATCH", "/v1/teams/TEAM/members/USER", """{"role": "god"}"""),
        ("PATCH", "/v1/teams/TEAM/members/USER", """{"role": 0}"""),
        ("PATCH", "/v1/teams/TEAM/members/USER", """{}"""),
        ("POST", "/v1/teams/TEAM/invitations", """{"email": "x@y.com", "role": "Owner"}"""),
        ("POST", "/v1/teams/TEAM/invitations", """{"email": 7}"""),
        ("POST", "/v1/auth/keys", """{"owner": "framecast:user:USER-X"}"""),
        ("POST", "/v1/auth/keys", """{"owner": "framecast:team:"}"""),
        ("POST", "/v1/auth/keys", """{"owner": "user:USER"}"""),
        ("POST", "/v1/auth/keys", """{"owner": "framecast:user:USER:extra"}"""),
        ("POST", "/v1/auth/keys", """{"scopes": "*"}"""),
        ("POST", "/v1/auth/keys", """{"scopes": [null]}"""),
        ("POST", "/v1/auth/keys", """{"name": "LONG"}"""),
        ("PATCH", "/v1/account", """{"name": "LONG"}"""),
        ("PATCH", "/v1/account", """{"avatar_url": 5}"""),
        ("POST", "/v1/auth/signup", """{"email": "a@b.co"}"""),
        ("POST", "/v1/auth/signup", """{"email": "a@b.co", "password": 12345678}"""),
        ("POST", "/v1/invitations/accept-token", """{"token": 5}"""),
        ("POST", "/v1/admin/credits", """{"owner": "framecast:user:USER", "amount": "10", "reason": "x"}"""),
        ("POST", "/v1/admin/credits", """{"owner": "framecast:user:USER", "amount": 1.5, "reason": "x"}"""),
        ("POST", "/v1/admin/credits", """{"owner": "framecast:user:USER", "amount": 99999999999, "reason": "x"}"""),
    }.Select(c => new object[] { c.Method, c.Path, c.Body });

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_bodies_answer_400_in_the_envelope_and_change_nothing(string method, string path, string body)
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));
        var before = await StateAsync(owner.Id, teamId);
        var client = path.StartsWith("/v1/admin", StringComparison.Ordinal) ? _factory.ClientWith(Api.Auth.AuthOptions.LocalAdminToken) : owner.Client;

        var reply = await client.Send(new HttpMethod(method),
            path.Replace("TEAM", teamId.ToString()).Replace("USER", member.Id.ToString()),
            body.Replace("LONG", new string('x', 300)).Replace("USER", member.Id.ToString()));

        Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.ErrorCode == "VALIDATION_ERROR", $"{(int)reply.Status} {reply.Body}");
        Assert.Equal(before, await StateAsync(owner.Id, teamId));
    }

    [Theory]
    [InlineData("GET", "/v1/teams/not-a-uuid")]
    [InlineData("PATCH", "/v1/teams/123/members/abc")]
    [InlineData("DELETE", "/v1/teams/00000000-0000-0000-0000-00000000000g")]
    [InlineData("POST", "/v1/invitations/xyz/accept")]
    [InlineData("GET", "/v1/auth/keys/%20")]
    [InlineData("DELETE", "/v1/teams/TEAM/invitations/nope")]
    public async Task Bad_uuids_in_paths_answer_4xx_in_the_envelope(string method, string path)
    {
        var owner = await _factory.CreatorAsync();

        var reply = await owner.Client.Send(new HttpMethod(method), path.Replace("TEAM", owner.MyTeamId.ToString()), method == "PATCH" ? """{"role":"admin"}""" : null);

        Assert.True((int)reply.Status is >= 400 and < 500, $"{(int)reply.Status}");
        Assert.NotNull(reply.ErrorCode);
    }

    private async Task<string> StateAsync(Guid userId, Guid teamId) => await _factory.SqlAsync<string>("""
        SELECT (SELECT string_agg(user_id::text || role::text, ',' ORDER BY user_id) FROM memberships WHERE team_id = @teamId)
            || '|' || (SELECT count(*) FROM teams) || '|' || (SELECT count(*) FROM invitations) || '|' || (SELECT count(*) FROM api_keys)
            || '|' || (SELECT name || settings::text FROM teams WHERE id = @teamId) || '|' || (SELECT coalesce(name, '') || credits FROM users WHERE id = @userId)
        """, new { teamId, userId });
}
