using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Framecast.Api.Tests.Infrastructure;

/// <summary>A creator account with credits on an API that runs as its own process, made through its public endpoints.</summary>
public sealed record ProcessAccount(Guid UserId, string Email, string Password, string AccessToken)
{
    /// <summary>A new starter through sign-up and sign-in, with <paramref name="credits"/> granted by the operator (none when 0).</summary>
    public static async Task<ProcessAccount> CreateAsync(HttpClient http, string adminToken, int credits)
    {
        var email = $"process-{Guid.NewGuid():N}@example.com";
        const string password = "process-password-1";
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/v1/auth/signup", new { email, password })).StatusCode);
        var issued = await (await http.PostAsJsonAsync("/v1/auth/token", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        var account = new ProcessAccount(issued.GetProperty("user").GetProperty("id").GetGuid(), email, password, issued.GetProperty("access_token").GetString()!);
        if (credits == 0)
        {
            return account;
        }
        using var grant = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/credits")
        {
            Headers = { Authorization = new("Bearer", adminToken) },
            Content = JsonContent.Create(new { owner = $"framecast:user:{account.UserId}", amount = credits, reason = "test" }),
        };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(grant)).StatusCode);
        return account;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null) => new(method, path)
    {
        Headers = { Authorization = new("Bearer", AccessToken) },
        Content = body is null ? null : JsonContent.Create(body),
    };
}
