using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>Sign-up and sign-in have their own per-address bucket, apart from other anonymous traffic.</summary>
public sealed class SignInRateLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = Configure(factory);

    private static ApiFactory Configure(ApiFactory factory)
    {
        factory.Settings["RATE_LIMIT_ANONYMOUS_PER_MINUTE"] = "2";
        factory.Settings["RATE_LIMIT_AUTH_PER_MINUTE"] = "4";
        factory.Settings["RATE_LIMIT_WINDOW_SECONDS"] = "3600";
        return factory;
    }

    [Fact]
    public async Task Other_anonymous_traffic_does_not_starve_sign_up_which_has_a_ceiling_of_its_own()
    {
        using var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Call(HttpMethod.Get, "/v1/status")).Status);
        }
        (await client.Call(HttpMethod.Get, "/v1/status")).AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");

        for (var i = 0; i < 4; i++)
        {
            var signup = await client.Call(HttpMethod.Post, "/v1/auth/signup", new { email = AccountsHarness.NewEmail(), password = "correct-horse-battery" });
            Assert.True(signup.Status == HttpStatusCode.Created, $"signup {i}: {(int)signup.Status} {signup.Body}");
        }
        var over = await client.Call(HttpMethod.Post, "/v1/auth/signup", new { email = AccountsHarness.NewEmail(), password = "correct-horse-battery" });

        over.AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("4", over.Raw.Headers.GetValues("X-RateLimit-Limit").Single());
    }
}
