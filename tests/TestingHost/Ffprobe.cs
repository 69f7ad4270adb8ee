using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Framecast.TestingHost;

public sealed record ProbeResult(string Codec, int Width, int Height, double DurationSeconds);

/// <summary>What ffprobe reads in a media file: a failed probe (not a media file) throws.</summary>
public static class Ffprobe
{
    /// <summary>The codec and length of the first audio stream, or null when the file has none.</summary>
    public static async Task<(string Codec, double DurationSeconds)?> ReadAudioAsync(string path)
    {
        var startInfo = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,duration", "-of", "json", path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe failed on {path}: {errors}");
        }

        using var json = JsonDocument.Parse(output);
        if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            return null;
        }

        var stream = streams[0];
        return (stream.GetProperty("codec_name").GetString()!,
            double.Parse(stream.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    public static async Task<ProbeResult> ReadAsync(string path)
    {
        var startInfo = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "format=duration:stream=codec_name,width,height", "-of", "json", path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe failed on {path}: {errors}");
        }

        using var json = JsonDocument.Parse(output);
        var stream = json.RootElement.GetProperty("streams")[0];
        return new ProbeResult(
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }
}
