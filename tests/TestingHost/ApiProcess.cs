using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Framecast.TestingHost;

/// <summary>
/// The API (with its co-hosted silo) as its own process on a fresh database, its stdout kept line by line: for tests
/// of what the real process writes and how it stops.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Api", "bin", configuration, "net10.0", "Framecast.Api.dll");
        var port = LocalProcess.FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        var storage = S3Server.Options;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DATABASE_URL"] = await PostgresServer.CreateDatabaseAsync();
        start.Environment["S3_ENDPOINT"] = storage.Endpoint;
        start.Environment["RUNPOD_BASE_URL"] = "http://127.0.0.1:1/v2";
        start.Environment["ORLEANS_CLUSTER_ID"] = $"process-{Guid.NewGuid():N}";
        start.Environment["ORLEANS_SILO_PORT"] = LocalProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["ORLEANS_GATEWAY_PORT"] = LocalProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["SYSTEM_ASSETS_SEED_PREVIEWS"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var api = new ApiProcess(Process.Start(start)!, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => api.Kill();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{api.BaseUrl}/v1/health")).IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (api._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The API process did not come up:\n" + string.Join('\n', api.Lines.TakeLast(40)));
            }
            await Task.Delay(250);
        }
    }

    /// <summary>SIGTERM, then waits for a graceful exit; its output is complete afterwards.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        LocalProcess.Run("kill", $"-TERM {_process.Id}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
