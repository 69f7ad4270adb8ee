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
        using var json = await ProbeAsync(path, "a:0", "stream=codec_name,duration");
        if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            return null;
        }

        var stream = streams[0];
        return (stream.GetProperty("codec_name").GetString()!,
            double.Parse(stream.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>The first video stream's codec and size, and the file's duration.</summary>
    public static async Task<ProbeResult> ReadAsync(string path)
    {
        using var json = await ProbeAsync(path, "v:0", "format=duration:stream=codec_name,width,height");
        var stream = json.RootElement.GetProperty("streams")[0];
        return new ProbeResult(
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    private static async Task<JsonDocument> ProbeAsync(string path, string streams, string entries)
    {
        var startInfo = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-select_streams", streams, "-show_entries", entries, "-of", "json", path })
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
        return JsonDocument.Parse(output);
    }
}
