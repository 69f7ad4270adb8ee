using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class RateLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = Configure(factory);

    private static ApiFactory Configure(ApiFactory factory)
    {
        factory.Settings["RATE_LIMIT_STARTER_PER_MINUTE"] = "5";
        factory.Settings["RATE_LIMIT_CREATOR_PER_MINUTE"] = "8";
        factory.Settings["RATE_LIMIT_ANONYMOUS_PER_MINUTE"] = "1000";
        factory.Settings["RATE_LIMIT_WINDOW_SECONDS"] = "3600";
        return factory;
    }

    [Fact]
    public async Task Every_response_carries_the_rate_limit_headers_errors_included()
    {
        var ok = await _factory.CreateClient().GetAsync("/v1/health");
        var unauthenticated = await _factory.CreateClient().GetAsync("/v1/account");
        var notFound = await _factory.CreateClient().GetAsync("/v1/no-such-route");

        foreach (var response in new[] { ok, unauthenticated, notFound })
        {
            Assert.True(response.Headers.Contains("X-RateLimit-Limit"), $"{response.StatusCode}");
            Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
            Assert.True(long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single()) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.False(response.Headers.Contains("X-RateLimit-RetryAfter"));
        }
    }

    [Fact]
    public async Task A_starter_over_its_limit_gets_429_with_retry_after_and_the_envelope()
    {
        var starter = await _factory.StarterAsync(); // one request
        var replies = new List<Reply>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await starter.Client.Call(HttpMethod.Get, "/v1/account"));
        }

        Assert.Equal(4, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal("0", replies[3].Raw.Headers.GetValues("X-RateLimit-Remaining").Single());
        var limited = replies[4];
        limited.AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        var retryAfter = limited.Body.GetProperty("error").GetProperty("retryAfter").GetInt32();
        Assert.True(retryAfter > 0);
        Assert.Equal(retryAfter.ToString(), limited.Raw.Headers.GetValues("Retry-After").Single());
        Assert.Equal(retryAfter.ToString(), limited.Raw.Headers.GetValues("X-RateLimit-RetryAfter").Single());
        Assert.Equal("5", limited.Raw.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task The_bucket_is_per_user_shared_by_its_jwt_and_keys_and_creators_get_more()
    {
        var creator = await _factory.StarterAsync();
        await creator.Client.Call(HttpMethod.Post, "/v1/account/upgrade");
        var key = _factory.ClientWith(await creator.ApiKeyAsync());
        var other = await _factory.StarterAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await key.Call(HttpMethod.Get, "/v1/account")).Status);
        }
        var viaJwt = await creator.Client.Call(HttpMethod.Get, "/v1/account");

        // 3 requests before the loop (provision, upgrade, create key) + 5 through the key = the creator limit of 8.
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        viaJwt.AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("8", viaJwt.Raw.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal(HttpStatusCode.OK, (await other.Client.Call(HttpMethod.Get, "/v1/account")).Status);
    }
}
