using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Rendering;

/// <summary>Reads a downloaded file with ffprobe, so a file that is not what it should be fails before rendering.</summary>
public sealed class MediaProbe(WorkerSettings settings)
{
    /// <summary>The length in seconds of the file's first audio stream.</summary>
    public async Task<double> AudioSecondsAsync(string path, string owner, CancellationToken cancellationToken)
    {
        var json = await RunAsync(["-select_streams", "a:0", "-show_entries", "stream=codec_type:format=duration", "-of", "json", path], cancellationToken);
        if (json is not { } probe
            || !probe.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0
            || !probe.TryGetProperty("format", out var format) || !format.TryGetProperty("duration", out var duration)
            || !double.TryParse(duration.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            throw JobFailedException.Validation($"{owner}: the downloaded file is not a readable audio file.");
        }
        return seconds;
    }

    /// <summary>Checks that the file is a picture ffmpeg can read.</summary>
    public async Task RequireImageAsync(string path, string owner, CancellationToken cancellationToken)
    {
        var json = await RunAsync(["-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "json", path], cancellationToken);
        if (json is not { } probe || !probe.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            throw JobFailedException.Validation($"{owner}: the downloaded file is not a readable image.");
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

    /// <returns>ffprobe's JSON, or null when it could not read the file.</returns>
    private async Task<JsonElement?> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(settings.FfprobePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error" }.Concat(arguments))
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
            throw JobFailedException.System($"ffprobe could not be started from '{settings.FfprobePath}' ({e.Message}); install Debian's ffmpeg or set FFPROBE_PATH.", inner: e);
        }
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await using (cancellationToken.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await errors;
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
