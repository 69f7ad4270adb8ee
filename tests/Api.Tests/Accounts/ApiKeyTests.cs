using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    [Fact]
    public async Task Create_shows_the_raw_key_once_and_stores_only_its_sha256()
    {
        var user = await _factory.StarterAsync();

        var created = await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { name = "laptop" });
        var listed = await user.Client.Call(HttpMethod.Get, "/v1/auth/keys");
        var got = await user.Client.Call(HttpMethod.Get, $"/v1/auth/keys/{created.Body.GetProperty("api_key").GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var raw = created.Str("raw_key");
        Assert.Matches("^sk_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{28}$", raw);
        var key = created.Body.GetProperty("api_key");
        Assert.Equal(raw[..12], key.GetProperty("key_prefix").GetString());
        Assert.Equal(user.Urn, key.GetProperty("owner").GetString());
        Assert.Equal(["*"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False(key.TryGetProperty("key_hash", out _));
        Assert.DoesNotContain(raw, listed.Body.GetRawText());
        Assert.DoesNotContain(raw, got.Body.GetRawText());
        Assert.Equal("laptop", got.Str("name"));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE key_hash = @hash", new { hash }));
    }

    [Fact]
    public async Task Rename_works_until_the_key_is_revoked_and_owner_or_scopes_never_change()
    {
        var user = await _factory.StarterAsync();
        var created = await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { });
        var id = created.Body.GetProperty("api_key").GetProperty("id").GetGuid();

        Assert.Equal("renamed", (await user.Client.Call(HttpMethod.Patch, $"/v1/auth/keys/{id}", new { name = "renamed" })).Str("name"));
        (await user.Client.Call(HttpMethod.Patch, $"/v1/auth/keys/{id}", new { scopes = new[] { "generate" } })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Patch, $"/v1/auth/keys/{id}", new { name = new string('n', 101) })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.Call(HttpMethod.Delete, $"/v1/auth/keys/{id}")).Status);
        (await user.Client.Call(HttpMethod.Patch, $"/v1/auth/keys/{id}", new { name = "again" })).AssertError(HttpStatusCode.Conflict, "API_KEY_REVOKED");
        (await user.Client.Call(HttpMethod.Delete, $"/v1/auth/keys/{id}")).AssertError(HttpStatusCode.Conflict, "API_KEY_REVOKED");
        var listed = (await user.Client.Call(HttpMethod.Get, "/v1/auth/keys")).Body[0];
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task Another_users_key_is_not_found()
    {
        var owner = await _factory.StarterAsync();
        var other = await _factory.StarterAsync();
        var id = (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { })).Body.GetProperty("api_key").GetProperty("id").GetGuid();

        (await other.Client.Call(HttpMethod.Get, $"/v1/auth/keys/{id}")).AssertError(HttpStatusCode.NotFound, "API_KEY_NOT_FOUND");
        (await other.Client.Call(HttpMethod.Delete, $"/v1/auth/keys/{id}")).AssertError(HttpStatusCode.NotFound, "API_KEY_NOT_FOUND");
        (await other.Client.Call(HttpMethod.Patch, $"/v1/auth/keys/{id}", new { name = "mine" })).AssertError(HttpStatusCode.NotFound, "API_KEY_NOT_FOUND");
    }

    [Theory]
    [InlineData("projects:read")]
    [InlineData("team:read")]
    [InlineData("team:admin")]
    [InlineData("webhooks:write")]
    public async Task A_starter_cannot_hold_creator_scopes(string scope)
    {
        var user = await _factory.StarterAsync();

        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { scopes = new[] { "generate", scope } })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task Unknown_scopes_past_expiries_and_long_names_are_validation_errors()
    {
        var user = await _factory.CreatorAsync();

        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { scopes = new[] { "jobs:delete" } })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { scopes = new[] { "JOBS:READ" } })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { scopes = Array.Empty<string>() })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { expires_at = DateTimeOffset.UtcNow.AddMinutes(-1) })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { name = new string('k', 101) })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Send(HttpMethod.Post, "/v1/auth/keys", """{"expires_at": "tomorrow"}""")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Owner_urns_follow_tier_and_membership()
    {
        var starter = await _factory.StarterAsync();
        var owner = await _factory.CreatorAsync();
        var viewer = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (viewer, "viewer"));

        (await starter.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:team:{teamId}" })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await starter.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = owner.Urn })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await viewer.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:team:{teamId}" })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:{teamId}:{viewer.Id}" })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:team:{Guid.NewGuid()}" })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = "framecast:team:tm_xyz" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:team:{teamId}", scopes = new[] { "team:read" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { owner = $"framecast:{teamId}:{owner.Id}" })).Status);
    }

    [Fact]
    public async Task Key_management_needs_the_star_scope()
    {
        var user = await _factory.StarterAsync();
        var limited = _factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "generate", "jobs:read" } }));

        (await limited.Call(HttpMethod.Get, "/v1/auth/keys")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await limited.Call(HttpMethod.Post, "/v1/auth/keys", new { })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal(HttpStatusCode.OK, (await limited.Call(HttpMethod.Get, "/v1/account")).Status);
    }
}
