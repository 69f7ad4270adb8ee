using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Framecast.TestingHost;

/// <summary>
/// A real webhook receiver on 127.0.0.1 (Kestrel): records every request as it arrived and answers as the test
/// scripts it — a status per request in turn, then <see cref="Otherwise"/>; <c>0</c> means never answer (the request
/// is held until the sender gives up). Its verifiers are written from spec 06 §10 and the Standard Webhooks scheme,
/// not from Framecast's signing code, so they check it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where to point a webhook: http://127.0.0.1:port/hook.</summary>
    public string Url { get; }

    /// <summary>The answer once the script is used up.</summary>
    public int Otherwise { get; set; } = 200;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LocalProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver did not get what the test waited for; it has {_received.Count} requests: " +
                    string.Join(", ", Received.Select(r => r.Event)));
            }
            await Task.Delay(50);
        }
        return Received;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var status = _script.TryDequeue(out var scripted) ? scripted : Otherwise;
        _received.Enqueue(new ReceivedWebhook(headers, buffer.ToArray(), DateTimeOffset.UtcNow, status));
        if (status == 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            // Back to itself: a sender that followed redirects would show up as a second request.
            context.Response.Headers.Location = Url;
        }
        await context.Response.WriteAsync($"answered {status}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver got it: lower-cased headers, the raw body bytes, and what it answered.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At, int Answered)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Event => Json.GetProperty("event").GetString()!;

    public string DeliveryId => Headers["webhook-id"];

    /// <summary>Spec 06 §10: HMAC-SHA256 keyed with the secret's UTF-8 bytes over "{X-Webhook-Timestamp}.{raw body}",
    /// lowercase hex after "sha256=", and a timestamp within 5 minutes.</summary>
    public bool VerifiesWithSpecScheme(string secret)
    {
        var timestamp = Headers["x-webhook-timestamp"];
        if (!long.TryParse(timestamp, out var ts) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > 300)
        {
            return false;
        }
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. Body]);
        var expected = "sha256=" + Convert.ToHexString(mac).ToLowerInvariant();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Headers["x-webhook-signature"]));
    }

    /// <summary>Standard Webhooks: the key is the base64 after "whsec_"; the signed content is "{webhook-id}.{webhook-timestamp}.{body}";
    /// the header holds space-separated "v1,{base64}" signatures, any of which may match; the timestamp within 5 minutes.</summary>
    public bool VerifiesWithStandardWebhooks(string whsec)
    {
        if (!whsec.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }
        var timestamp = Headers["webhook-timestamp"];
        if (!long.TryParse(timestamp, out var ts) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > 300)
        {
            return false;
        }
        var key = Convert.FromBase64String(whsec["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{Headers["webhook-id"]}.{timestamp}."), .. Body]);
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(mac));
        return Headers["webhook-signature"].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(signature => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)));
    }
}
