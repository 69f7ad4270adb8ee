using System.Diagnostics;
using System.Net.Sockets;

namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>A real s3rver (npm) on a free loopback port with its own data folder.</summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private S3rverProcess(Process process, string dataDirectory, string endpoint)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static async Task<S3rverProcess> StartAsync()
    {
        var executable = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing; run `npm install` in {RepoPaths.Root}.");
        }

        var port = FreePort.Next();
        var dataDirectory = Directory.CreateTempSubdirectory("framecast-s3rver-").FullName;
        var startInfo = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-d", dataDirectory, "-a", "127.0.0.1", "-p", port.ToString(), "--silent" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new S3rverProcess(process, dataDirectory, $"http://127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("s3rver did not start listening within 15 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
