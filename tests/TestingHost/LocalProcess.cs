using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Framecast.TestingHost;

/// <summary>Runs the helper programs the tests need (pg_ctl, s3rver) and finds free loopback ports.</summary>
public static class LocalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to completion (as the postgres user when asked and the shell is root).</summary>
    public static string Run(string file, string arguments, bool asPostgres = false, int timeoutMs = 120_000)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeoutMs} ms");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
        return stdout.Result;
    }

    /// <summary>
    /// Starts a server that must not outlive the tests: a watchdog ends it when this process is gone,
    /// even when the test host is killed without running exit handlers.
    /// </summary>
    public static Process StartWatched(string command, bool asPostgres = false, string? cleanupDirectory = null)
    {
        var watched = $"{command} & child=$!; " +
                      $"while [ -d /proc/{Environment.ProcessId} ] && kill -0 $child 2>/dev/null; do sleep 1; done; " +
                      "kill -INT $child 2>/dev/null; wait $child" +
                      (cleanupDirectory is null ? "" : $"; rm -rf '{cleanupDirectory}'");
        var process = Process.Start(Bash(watched, asPostgres)) ?? throw new InvalidOperationException($"Could not start: {command}");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <paramref name="command"/> once this process is gone, however it goes (a killed test host included).</summary>
    public static void WatchUntilExit(string command, bool asPostgres = false)
    {
        Process.Start(Bash($"while [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done; {command}", asPostgres))?.Dispose();
    }

    /// <summary>A bash script, as the postgres user when asked and the shell is root, its output redirected.</summary>
    private static ProcessStartInfo Bash(string script, bool asPostgres)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", "bash", "-c", script])
            : new ProcessStartInfo("bash", ["-c", script]);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
