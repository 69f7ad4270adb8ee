using System.Net;
using System.Net.Sockets;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Hosting;

/// <summary>
/// Issue 10 item 11, over real TCP: the API trusts 127.0.0.1 as its proxy; a client connecting from 127.0.0.2
/// (another loopback address) is not a proxy, whatever it sends.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _api.Settings["TRUSTED_PROXIES"] = "127.0.0.1, 10.20.0.0/16";
        _api.Settings["RATE_LIMIT_ANONYMOUS_PER_MINUTE"] = "3";
        _api.Settings["RATE_LIMIT_WINDOW_SECONDS"] = "3600";
        var port = LocalProcess.FreePort();
        _baseUrl = $"http://127.0.0.1:{port}";
        await _api.InitializeAsync();
        _api.UseKestrel(port);
        _api.StartServer();
    }

    public Task DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_anonymous_bucket()
    {
        using var proxy = Client(IPAddress.Loopback);

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await StatusAsync(proxy, "203.0.113.7")).Status);
        }
        var second = await StatusAsync(proxy, "203.0.113.8");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("2", second.Raw.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task From_an_untrusted_address_a_forwarded_header_is_ignored_and_buys_no_fresh_bucket()
    {
        using var stranger = Client(IPAddress.Parse("127.0.0.2"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A new spoofed address each time: it must not matter.
            statuses.Add((await StatusAsync(stranger, $"198.51.100.{i + 1}")).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // The spoofed addresses' own buckets were never touched.
        using var proxy = Client(IPAddress.Loopback);
        var spoofed = await StatusAsync(proxy, "198.51.100.1");
        Assert.Equal("2", spoofed.Raw.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    private Task<Reply> StatusAsync(HttpClient client, string forwardedFor)
    {
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client.Call(HttpMethod.Get, "/v1/status");
    }

    /// <summary>A client whose connections leave from <paramref name="source"/>.</summary>
    private HttpClient Client(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(_baseUrl) };
    }
}
