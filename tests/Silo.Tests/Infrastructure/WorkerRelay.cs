using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Framecast.TestingHost;

namespace Framecast.Silo.Tests.Infrastructure;

/// <summary>
/// Real HTTP between the silos and the local worker, forwarded as it is, with one hook: it runs once the worker has
/// answered a /run and before that answer reaches the silo, i.e. in the window between a submission and its recording.
/// </summary>
public sealed class WorkerRelay : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _http = new();
    private readonly string _target;
    private readonly Func<string, Task> _afterRun;
    private readonly Task _loop;
    private readonly ConcurrentQueue<string> _submitted = new();

    public WorkerRelay(LocalWorkerProcess worker, Func<string, Task> afterRun)
    {
        _target = $"http://127.0.0.1:{worker.Port}";
        _afterRun = afterRun;
        var port = LocalProcess.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v2";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The RUNPOD_BASE_URL that reaches the worker through this relay.</summary>
    public string BaseUrl { get; }

    /// <summary>The request ids the worker handed out, in order.</summary>
    public IReadOnlyList<string> Submitted => _submitted.ToList();

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), _target + context.Request.Url!.PathAndQuery);
        if (context.Request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }
        if (context.Request.Headers["Authorization"] is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (request.Method == HttpMethod.Post && context.Request.Url.AbsolutePath.EndsWith("/run", StringComparison.Ordinal) && response.IsSuccessStatusCode)
        {
            var id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
            _submitted.Enqueue(id);
            await _afterRun(id);
        }
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _http.Dispose();
    }
}
