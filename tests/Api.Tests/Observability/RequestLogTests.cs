using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Observability;

/// <summary>What the real process writes to stdout: one JSON request line per request, and never a secret.</summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private const string AdminToken = "admin-token-that-must-never-be-logged-7f3a";
    private ApiProcess _api = null!;

    public async Task InitializeAsync() => _api = await ApiProcess.StartAsync(new Dictionary<string, string>
    {
        ["FRAMECAST_ADMIN_TOKEN"] = AdminToken,
        ["JWT_SECRET"] = "jwt-secret-that-must-never-be-logged-0123456789abcdef",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_request_gets_one_line_with_route_status_time_user_and_trace_and_no_secret_is_ever_written()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_api.BaseUrl) };
        var email = $"log-{Guid.NewGuid():N}@example.com";
        const string password = "password-that-must-never-be-logged-91b2";
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/v1/auth/signup", new { email, password })).StatusCode);
        var token = await http.PostAsJsonAsync("/v1/auth/token", new { email, password });
        var issued = await token.Content.ReadFromJsonAsync<JsonElement>();
        var jwt = issued.GetProperty("access_token").GetString()!;
        var userId = issued.GetProperty("user").GetProperty("id").GetGuid();

        var account = new HttpRequestMessage(HttpMethod.Get, "/v1/account") { Headers = { Authorization = new("Bearer", jwt) } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(account)).StatusCode);
        var keyRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/keys") { Headers = { Authorization = new("Bearer", jwt) }, Content = JsonContent.Create(new { }) };
        var rawKey = (await (await http.SendAsync(keyRequest)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raw_key").GetString()!;
        var withKey = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs") { Headers = { Authorization = new("Bearer", rawKey) } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withKey)).StatusCode);
        var admin = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/silos") { Headers = { Authorization = new("Bearer", AdminToken) } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(admin)).StatusCode);
        const string invitationToken = "invitation-token-that-must-never-be-logged-55aa";
        var accept = new HttpRequestMessage(HttpMethod.Post, "/v1/invitations/accept-token")
        {
            Headers = { Authorization = new("Bearer", jwt) },
            Content = JsonContent.Create(new { token = invitationToken }),
        };
        Assert.True((int)(await http.SendAsync(accept)).StatusCode is >= 400 and < 500);
        // The hub's token travels in the query string.
        await http.PostAsync($"/hubs/jobs/negotiate?negotiateVersion=1&access_token={jwt}", null);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/account") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", jwt + "x") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        await _api.StopAsync();

        var lines = _api.Lines;
        foreach (var secret in new[] { password, jwt, rawKey, AdminToken, invitationToken, "jwt-secret-that-must-never-be-logged" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
        var requests = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("HTTP {RequestMethod} {Route}", StringComparison.Ordinal))
            .ToList();
        var line = Assert.Single(requests, r => r.GetProperty("Properties").GetProperty("RequestPath").GetString() == "/v1/account"
            && r.GetProperty("Properties").GetProperty("StatusCode").GetInt32() == 200);
        Assert.Equal(userId.ToString(), line.GetProperty("Properties").GetProperty("UserId").GetString());
        Assert.Equal("GET", line.GetProperty("Properties").GetProperty("RequestMethod").GetString());
        Assert.Equal("/v1/account/", line.GetProperty("Properties").GetProperty("Route").GetString());
        Assert.True(line.GetProperty("Properties").GetProperty("Elapsed").GetDouble() >= 0);
        Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("TraceId").GetString());
        Assert.Contains(requests, r => r.GetProperty("Properties").GetProperty("StatusCode").GetInt32() == 401);
        Assert.Contains(requests, r => r.GetProperty("Properties").GetProperty("Route").GetString() == "/v1/admin/silos");
    }
}
