using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>A loopback HTTP server that records webhook bodies; it can refuse the first deliveries.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build()) { _failuresLeft = failFirst };
        receiver._app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            await receiver._received.Writer.WriteAsync(body);
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.Url = new Uri(receiver._app.Urls.First() + "/hook");
        return receiver;
    }

    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Whatever arrives within <paramref name="window"/>.</summary>
    public async Task<List<JsonElement>> CollectAsync(TimeSpan window)
    {
        await Task.Delay(window);
        var bodies = new List<JsonElement>();
        while (_received.Reader.TryRead(out var body))
        {
            bodies.Add(body);
        }

        return bodies;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
