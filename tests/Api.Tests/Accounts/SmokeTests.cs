using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class SmokeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task Signup_token_profile_upgrade_and_team_creation_work_end_to_end()
    {
        var anonymous = _factory.CreateClient();
        var email = AccountsHarness.NewEmail();
        var signup = await anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email, password = "correct horse" });
        Assert.Equal(HttpStatusCode.Created, signup.Status);
        var token = await anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email, password = "correct horse" });
        Assert.Equal(HttpStatusCode.OK, token.Status);
        var client = _factory.ClientWith(token.Str("access_token"));
        var me = await client.Call(HttpMethod.Get, "/v1/account");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("starter", me.Str("tier"));
        var upgrade = await client.Call(HttpMethod.Post, "/v1/account/upgrade");
        Assert.Equal(HttpStatusCode.OK, upgrade.Status);
        var team = await client.Call(HttpMethod.Post, "/v1/teams", new { name = "Ünïcode Team!" });
        Assert.Equal(HttpStatusCode.Created, team.Status);
        var teams = await client.Call(HttpMethod.Get, "/v1/teams");
        Assert.Equal(2, teams.Body.GetArrayLength());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_account_routes()
    {
        var document = await _factory.CreateClient().Call(HttpMethod.Get, "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Body.GetProperty("paths");
        foreach (var path in new[] { "/v1/auth/signup", "/v1/auth/token", "/v1/account", "/v1/teams/{teamId}/members/{userId}", "/v1/auth/keys/{keyId}", "/v1/admin/credits" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
