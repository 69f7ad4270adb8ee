using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Storage;

/// <summary>
/// Fetches the audio and images a workflow references, bounded in time and size. Any failure is the input's
/// fault as far as this job is concerned (the asset is gone, the URL expired), so it fails as <c>validation</c>.
/// </summary>
public sealed class MediaDownloader(IHttpClientFactory clients, WorkerSettings settings)
{
    public const string HttpClientName = "media";

    /// <param name="owner">Who asked for the file, for the message: "Node 5 (FramecastAudio)".</param>
    public async Task DownloadAsync(Uri url, string path, string owner, CancellationToken cancellationToken)
    {
        // The query of a presigned URL is its credential: it stays out of messages.
        var shown = url.GetLeftPart(UriPartial.Path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.DownloadTimeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(owner, shown, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > settings.MaxDownloadBytes)
            {
                throw Failed(owner, shown, $"it is larger than {settings.MaxDownloadBytes} bytes");
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var file = File.Create(path);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > settings.MaxDownloadBytes)
                {
                    throw Failed(owner, shown, $"it is larger than {settings.MaxDownloadBytes} bytes");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(owner, shown, $"it took longer than {settings.DownloadTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw Failed(owner, shown, e.Message);
        }
    }

    private static JobFailedException Failed(string owner, string url, string reason) =>
        JobFailedException.Validation($"{owner}: could not download {url}: {reason}.");
}
