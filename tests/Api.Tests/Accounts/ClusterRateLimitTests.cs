using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>Issue 10 item 10: a bucket is one grain, so its limit holds across the cluster, not once per silo.</summary>
public sealed class ClusterRateLimitTests : IAsyncLifetime
{
    private ApiCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ApiCluster.StartAsync(3, new Dictionary<string, string>
    {
        // The default starter limit (60), in a window long enough that the test never straddles two.
        ["RATE_LIMIT_WINDOW_SECONDS"] = "3600",
        ["RATE_LIMIT_ANONYMOUS_PER_MINUTE"] = "1000000",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_starter_spread_over_three_silos_gets_exactly_sixty_of_a_hundred_with_exact_headers()
    {
        await ClearOfTheHourAsync();
        var hosts = _cluster.Hosts;
        var id = Guid.NewGuid();
        var token = hosts[0].TokenFor(id, AccountsHarness.NewEmail("spread"));
        var clients = hosts.Select(h => h.ClientWith(token)).ToList();

        var replies = new List<Reply> { await clients[0].Call(HttpMethod.Get, "/v1/account") };
        // 99 more, three at a time, one on each silo.
        for (var i = 0; i < 33; i++)
        {
            replies.AddRange(await Task.WhenAll(clients.Select(c => c.Call(HttpMethod.Get, "/v1/account"))));
        }

        var ok = replies.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var limited = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(60, ok.Count);
        Assert.Equal(40, limited.Count);
        // Each request through saw its own place in the one window: 59 left after the first, down to 0.
        Assert.Equal(Enumerable.Range(0, 60).Reverse(), ok.Select(r => int.Parse(Header(r, "X-RateLimit-Remaining"))).OrderDescending());
        Assert.All(replies, r => Assert.Equal("60", Header(r, "X-RateLimit-Limit")));
        var reset = Assert.Single(replies.Select(r => Header(r, "X-RateLimit-Reset")).Distinct());
        Assert.Equal(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 + 3600, long.Parse(reset));
        foreach (var reply in limited)
        {
            reply.AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
            Assert.Equal("0", Header(reply, "X-RateLimit-Remaining"));
            var retryAfter = reply.Body.GetProperty("error").GetProperty("retryAfter").GetInt32();
            Assert.InRange(retryAfter, 1, long.Parse(reset) - DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            Assert.Equal(retryAfter.ToString(), Header(reply, "Retry-After"));
            Assert.Equal(retryAfter.ToString(), Header(reply, "X-RateLimit-RetryAfter"));
        }
        Assert.All(ok, r => Assert.False(r.Raw.Headers.Contains("X-RateLimit-RetryAfter")));

        // Health is not counted: it answers on every silo, with the bucket as that silo last saw it.
        foreach (var client in clients)
        {
            var health = await client.Call(HttpMethod.Get, "/v1/health");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            Assert.Equal("0", Header(health, "X-RateLimit-Remaining"));
            Assert.Equal(reset, Header(health, "X-RateLimit-Reset"));
        }
    }

    private static string Header(Reply reply, string name) => reply.Raw.Headers.GetValues(name).Single();

    /// <summary>The hour-long window must not end during the test.</summary>
    private static async Task ClearOfTheHourAsync()
    {
        var left = 3600 - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 3600;
        if (left < 30)
        {
            await Task.Delay(TimeSpan.FromSeconds(left + 1));
        }
    }
}
