using System.Diagnostics;

namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>Reads an image through ffmpeg: its size, and the gray pixels of one rectangle of it.</summary>
public static class ImageTiles
{
    public static async Task<(int Width, int Height)> SizeAsync(string path)
    {
        var output = await RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]);
        var parts = System.Text.Encoding.ASCII.GetString(output).Trim().Split(',');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    public static Task<byte[]> GrayAsync(string path, int x, int y, int width, int height) =>
        RunAsync("ffmpeg", ["-v", "error", "-i", path, "-vf", $"crop={width}:{height}:{x}:{y}", "-f", "rawvideo", "-pix_fmt", "gray", "-"]);

    private static async Task<byte[]> RunAsync(string program, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        using var bytes = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
        return bytes.ToArray();
    }
}
