using System.Net;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Observability;

/// <summary><c>GET /metrics</c>: the Prometheus scrape is for operators only.</summary>
public sealed class MetricsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Metrics_need_the_admin_token()
    {
        var user = await api.CreatorAsync();
        using var anonymous = api.ClientWith(null);

        (await anonymous.Call(HttpMethod.Get, "/metrics")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.NotEqual(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Get, "/metrics")).Status);
    }
}
