using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Webhooks;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Webhooks;

namespace Framecast.Silo.Webhooks;

/// <summary>
/// One attempt over HTTP: a POST of the stored body with the spec's headers and signature and the Standard Webhooks
/// ones, through <see cref="Handler"/>. The whole attempt — connecting, sending, reading the excerpt — is bounded by
/// the caller's token (WEBHOOK_TIMEOUT_MS); no exception leaves: a failure is an attempt without a status.
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients, ObjectStore objects, TimeProvider clock) : IWebhookSender
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// The SSRF guard: redirects are never followed, no proxy is used (it would connect for us), and the connection
    /// is opened here, to an address that <see cref="WebhookAddresses"/> allows, after resolving the host — so a name
    /// that resolves to a private or metadata address, or rebinds to one, is refused at the moment it would be reached.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => WebhookAddresses.IsAllowed(a, options.AllowLoopbackHttp)).ToList();
            if (allowed.Count == 0)
            {
                throw new WebhookAddressRefusedException($"{host} resolves only to addresses webhooks may not reach.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The spec's lifetime of the output URLs a job.completed body carries, from when it is sent.</summary>
    private static readonly TimeSpan OutputUrlLifetime = TimeSpan.FromHours(1);

    public async Task<AttemptResult> SendAsync(string url, string secret, OpenDelivery delivery, CancellationToken cancellationToken)
    {
        var deliveryId = delivery.Id;
        var bytes = Encoding.UTF8.GetBytes(delivery.OutputObjects is { } stored ? WithOutputUrls(delivery.Body, stored) : delivery.Body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var id = deliveryId.ToString("D");
        request.Headers.Add("X-Webhook-Delivery-Id", id);
        request.Headers.Add("X-Webhook-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Webhook-Signature", WebhookSignature.Spec(secret, timestamp, bytes));
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Standard(secret, deliveryId, timestamp, bytes));
        request.Headers.UserAgent.ParseAdd("Framecast-Webhooks/1");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            return new AttemptResult((int)response.StatusCode, excerpt, Stopwatch.GetElapsedTime(started), null, RetryAfter(response));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            var error = cancellationToken.IsCancellationRequested ? "timeout" : (ex.InnerException as WebhookAddressRefusedException ?? ex).Message;
            return new AttemptResult(null, null, Stopwatch.GetElapsedTime(started), error);
        }
    }

    /// <summary>job.completed: <c>job.output.video_url</c> and <c>thumbnail_url</c>, presigned now (spec 06 §8.5).</summary>
    private string WithOutputUrls(string body, string stored)
    {
        var payload = JsonNode.Parse(body)!.AsObject();
        using var where = JsonDocument.Parse(stored);
        var bucket = where.RootElement.GetProperty("bucket").GetString()!;
        if (payload["job"]?["output"] is JsonObject output)
        {
            output["video_url"] = objects.PresignGet(bucket, where.RootElement.GetProperty("video_key").GetString()!, OutputUrlLifetime);
            if (where.RootElement.GetProperty("thumbnail_key").GetString() is { } thumbnail)
            {
                output["thumbnail_url"] = objects.PresignGet(bucket, thumbnail, OutputUrlLifetime);
            }
        }
        return payload.ToJsonString();
    }

    /// <summary>The first 10 KB of the answer, as text; the rest is never read.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[PostgresWebhookStore.ResponseBodyLimit];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };
}
