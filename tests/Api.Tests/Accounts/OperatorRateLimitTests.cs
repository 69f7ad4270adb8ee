using System.Net;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>Issue 10 item 3: the admin token is an operator, not anonymous traffic of its address.</summary>
public sealed class OperatorRateLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = Configure(factory);

    private static ApiFactory Configure(ApiFactory factory)
    {
        factory.Settings["RATE_LIMIT_ANONYMOUS_PER_MINUTE"] = "5";
        factory.Settings["RATE_LIMIT_WINDOW_SECONDS"] = "3600";
        return factory;
    }

    [Fact]
    public async Task An_operator_granting_credits_thirty_times_in_a_row_is_never_limited_while_a_wrong_token_is()
    {
        var user = await _factory.StarterAsync();
        using var admin = _factory.ClientWith(AuthOptions.LocalAdminToken);

        for (var i = 0; i < 30; i++)
        {
            var granted = await admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 1, reason = "loop" });
            Assert.True(granted.Status == HttpStatusCode.OK, $"grant {i}: {(int)granted.Status} {granted.Body}");
        }
        Assert.Equal(30, await _factory.SqlAsync<int>("SELECT credits FROM users WHERE id = @Id", new { user.Id }));

        // A guess at the token is anonymous traffic of its address, and runs into that bucket's limit.
        using var guesser = _factory.ClientWith("not-the-admin-token");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await guesser.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 1, reason = "guess" })).Status);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
