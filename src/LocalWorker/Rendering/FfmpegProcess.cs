using System.ComponentModel;
using System.Diagnostics;

namespace Framecast.LocalWorker.Rendering;

/// <summary>Runs one ffmpeg command; cancellation kills the process so cancel and timeout take effect at once.</summary>
public static class FfmpegProcess
{
    private const int ErrorTailLength = 2000;

    public static async Task RunAsync(string ffmpegPath, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw JobFailedException.System(
                $"ffmpeg could not be started from '{ffmpegPath}' ({e.Message}); install Debian's ffmpeg or set FFMPEG_PATH.", inner: e);
        }

        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await using (cancellationToken.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }

        await stdout;
        var errors = await stderr;
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            var tail = errors.Length > ErrorTailLength ? errors[^ErrorTailLength..] : errors;
            throw JobFailedException.System($"ffmpeg exited with code {process.ExitCode}: {tail.Trim()}");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
