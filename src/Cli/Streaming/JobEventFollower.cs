using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Framecast.Cli.Output;

namespace Framecast.Cli.Streaming;

/// <summary>
/// Follows <c>GET /v1/jobs/:id/events</c> to the job's end. A dropped connection is resumed with Last-Event-ID after
/// the server's retry interval, so no event is lost or shown twice; a stream that keeps failing ends as a network error.
/// The typed client has no streaming form, so this reads the SSE framing with the runtime's own parser.
/// </summary>
public sealed class JobEventFollower(HttpClient http, Guid jobId)
{
    private const int MaxConsecutiveFailures = 10;

    /// <summary>Raised before each reconnection, with the failure that caused it.</summary>
    public event Action<Exception>? Reconnecting;

    public async IAsyncEnumerable<JobEvent> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? lastId = null;
        var retry = TimeSpan.FromSeconds(1);
        var failures = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{jobId:D}/events");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (lastId is not null)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
            }

            HttpResponseMessage? response = null;
            IAsyncEnumerator<SseItem<string>>? items = null;
            Exception? dropped = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    yield break; // The event we resume after was the terminal one.
                }
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    throw new FramecastApiException("The event stream was refused.", (int)response.StatusCode, body,
                        response.Headers.ToDictionary(h => h.Key, h => h.Value), null);
                }
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                items = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                dropped = ex;
            }

            while (dropped is null && items is not null)
            {
                JobEvent? next = null;
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        dropped = new IOException("the server closed the stream before the job ended");
                        break;
                    }
                    var item = items.Current;
                    if (item.ReconnectionInterval is { } interval)
                    {
                        retry = interval;
                    }
                    if (item.EventId is { Length: > 0 } id)
                    {
                        lastId = id;
                        failures = 0;
                        next = new JobEvent(id, item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone());
                    }
                }
                catch (Exception ex) when (IsTransient(ex, cancellationToken))
                {
                    dropped = ex;
                    break;
                }
                if (next is not null)
                {
                    yield return next;
                    if (next.IsTerminal)
                    {
                        await items.DisposeAsync();
                        response?.Dispose();
                        yield break;
                    }
                }
            }

            if (items is not null)
            {
                await items.DisposeAsync();
            }
            response?.Dispose();
            if (++failures > MaxConsecutiveFailures)
            {
                throw new CliException(ExitCodes.Network, $"the job's event stream kept dropping: {dropped!.Message}");
            }
            Reconnecting?.Invoke(dropped!);
            await Task.Delay(retry, cancellationToken);
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or TaskCanceledException
            || ex is FramecastApiException { StatusCode: 502 or 503 or 504 };
}
