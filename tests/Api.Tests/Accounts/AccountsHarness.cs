using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Framecast.Api.Tests.Accounts;

/// <summary>A user the tests act as: a JWT (or API key) client and, for creators, the personal team.</summary>
public sealed record TestUser(Guid Id, string Email, HttpClient Client, Guid? MyTeamId = null)
{
    public string Urn => $"framecast:user:{Id:D}";
}

/// <summary>An HTTP answer: status, parsed body (Undefined when empty) and the raw response for headers.</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Raw)
{
    public string? ErrorCode => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString() : null;

    public string Str(string name) => Body.GetProperty(name).GetString()!;

    public Guid Id(string name = "id") => Body.GetProperty(name).GetGuid();
}

/// <summary>Users through the JWT path (a valid token for an unknown user provisions a starter), HTTP helpers, SQL checks.</summary>
public static class AccountsHarness
{
    /// <summary>Test classes act as many users from one address: lift the rate limits unless a test sets its own.</summary>
    public static ApiFactory Relaxed(this ApiFactory factory)
    {
        factory.Settings.TryAdd("RATE_LIMIT_STARTER_PER_MINUTE", "1000000");
        factory.Settings.TryAdd("RATE_LIMIT_CREATOR_PER_MINUTE", "1000000");
        factory.Settings.TryAdd("RATE_LIMIT_ANONYMOUS_PER_MINUTE", "1000000");
        return factory;
    }

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static HttpClient ClientWith(this ApiFactory factory, string? bearer)
    {
        var client = factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public static string TokenFor(this ApiFactory factory, Guid userId, string email) =>
        factory.Services.GetRequiredService<JwtTokens>().Issue(userId, email).Token;

    public static async Task<TestUser> StarterAsync(this ApiFactory factory, string? email = null)
    {
        email ??= NewEmail("starter");
        var id = Guid.NewGuid();
        var client = factory.ClientWith(factory.TokenFor(id, email));
        var me = await client.Call(HttpMethod.Get, "/v1/account");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        return new TestUser(id, email, client);
    }

    public static async Task<TestUser> CreatorAsync(this ApiFactory factory, string? email = null)
    {
        var user = await factory.StarterAsync(email ?? NewEmail("creator"));
        var upgrade = await user.Client.Call(HttpMethod.Post, "/v1/account/upgrade");
        Assert.Equal(HttpStatusCode.OK, upgrade.Status);
        return user with { MyTeamId = upgrade.Body.GetProperty("team").GetProperty("id").GetGuid() };
    }

    /// <summary>A team owned by <paramref name="owner"/> with one member of each other role; returns the team id.</summary>
    public static async Task<Guid> TeamWithAsync(this ApiFactory factory, TestUser owner, params (TestUser User, string Role)[] members)
    {
        var team = await owner.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "Team " + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, team.Status);
        var teamId = team.Body.GetProperty("team").GetProperty("id").GetGuid();
        foreach (var (user, role) in members)
        {
            await factory.JoinAsync(owner, teamId, user, role);
        }
        return teamId;
    }

    /// <summary>Invites and accepts (with the invited role), then sets the role (so owner works too).</summary>
    public static async Task JoinAsync(this ApiFactory factory, TestUser owner, Guid teamId, TestUser user, string role)
    {
        var invitation = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/invitations",
            new { email = user.Email, role = role == "owner" ? "admin" : role });
        Assert.Equal(HttpStatusCode.Created, invitation.Status);
        var accept = await user.Client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept");
        Assert.Equal(HttpStatusCode.OK, accept.Status);
        if (role == "owner")
        {
            var promote = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{user.Id}", new { role = "owner" });
            Assert.Equal(HttpStatusCode.OK, promote.Status);
        }
    }

    public static async Task<string> ApiKeyAsync(this TestUser user, object? body = null)
    {
        var created = await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", body ?? new { });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Str("raw_key");
    }

    public static Task<Reply> Call(this HttpClient client, HttpMethod method, string path, object? body = null) =>
        client.Send(method, path, body is null ? null : JsonSerializer.Serialize(body));

    public static async Task<Reply> Send(this HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Reply(response.StatusCode, body, response);
    }

    public static async Task<T> SqlAsync<T>(this ApiFactory factory, string sql, object? parameters = null)
    {
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    public static async Task ExecAsync(this ApiFactory factory, string sql, object? parameters = null)
    {
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public static void AssertError(this Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status && reply.ErrorCode == code,
            $"expected {(int)status} {code}, got {(int)reply.Status} {reply.ErrorCode}: {reply.Body}");
    }
}
