using System.Net.Http.Headers;
using System.Text;

namespace Framecast.Bench.Http;

/// <summary>The HTTP side of the benchmark: one connection pool, sized for thousands of concurrent streams.</summary>
public sealed class ApiClient : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            // The SSE scenario holds one connection per subscriber; the default pool would queue them.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = false,
        };
        // Timeouts are per request (a linked token), so streams may stay open as long as they need.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? bearer, string? jsonBody = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(method, path, bearer);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        return new ApiResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>Sends and returns as soon as the headers are in; the caller reads (and disposes) the body.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path, string bearer, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Get, path, bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The response headers of one request, for the preflight checks.</summary>
    public async Task<(int Status, HttpResponseHeaders Headers, string Body)> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await _http.GetAsync(path, timeout.Token);
        return ((int)response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, string? bearer)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return request;
    }
}
