using System.Diagnostics;
using Framecast.Silo.ObjectStorage;

namespace Framecast.TestingHost;

/// <summary>
/// The RunPod-compatible local worker as its own process on a free loopback port, writing to the
/// tests' S3 server: jobs cross real HTTP both ways, as they do against RunPod.
/// </summary>
public sealed class LocalWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalWorkerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The RUNPOD_BASE_URL that reaches this worker.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v2";

    public static async Task<LocalWorkerProcess> StartAsync(ObjectStorageOptions storage, int concurrency = 4)
    {
        // Tests run from bin/{Configuration}/net10.0; the worker was built with the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Path, "src", "LocalWorker", "bin", configuration, "net10.0", "Framecast.LocalWorker.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first: the local worker is not built.", dll);
        }
        var port = LocalProcess.FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LOCAL_WORKER_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["LOCAL_WORKER_CONCURRENCY"] = concurrency.ToString();
        start.Environment["LOCAL_WORKER_WEBHOOK_RETRY_MS"] = "500";
        start.Environment["S3_ENDPOINT"] = storage.Endpoint;
        start.Environment["S3_ACCESS_KEY_ID"] = storage.AccessKeyId;
        start.Environment["S3_SECRET_ACCESS_KEY"] = storage.SecretAccessKey;
        var process = Process.Start(start)!;
        // Drain its logs so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
        await LocalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        return new LocalWorkerProcess(process, port);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
