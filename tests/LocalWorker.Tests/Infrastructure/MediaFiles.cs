using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>Test media made with ffmpeg and served from the tests' S3 through presigned URLs.</summary>
public static class MediaFiles
{
    public const string Bucket = "framecast-media-tests";

    public static async Task<string> SineWavAsync(double seconds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"framecast-sine-{Guid.NewGuid():N}.wav");
        await RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds.ToString(CultureInfo.InvariantCulture)}", path);
        return path;
    }

    public static async Task<string> SolidPngAsync(string color, int width, int height)
    {
        var path = Path.Combine(Path.GetTempPath(), $"framecast-{color}-{Guid.NewGuid():N}.png");
        await RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"color=c={color}:s={width}x{height}", "-frames:v", "1", path);
        return path;
    }

    /// <summary>Puts the file into S3 and returns a presigned GET URL for it.</summary>
    public static async Task<string> ServeAsync(IAmazonS3 s3, string path, string contentType)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another test made it.
        }
        var key = $"assets/{Guid.NewGuid():N}{Path.GetExtension(path)}";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = path, ContentType = contentType, UseChunkEncoding = false });
        return UrlOf(s3, key);
    }

    public static string UrlOf(IAmazonS3 s3, string key) => s3.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = Bucket,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = DateTime.UtcNow.AddMinutes(10),
        Protocol = Protocol.HTTP,
    });

    /// <summary>The RGB of one pixel of the frame at <paramref name="seconds"/>.</summary>
    public static async Task<(int R, int G, int B)> PixelAsync(string video, double seconds, int width, int height, int x, int y)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"framecast-frame-{Guid.NewGuid():N}.rgb");
        await RunAsync("ffmpeg", "-v", "error", "-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", video,
            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        var bytes = await File.ReadAllBytesAsync(raw);
        File.Delete(raw);
        Assert.Equal(width * height * 3, bytes.Length);
        var offset = (y * width + x) * 3;
        return (bytes[offset], bytes[offset + 1], bytes[offset + 2]);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
    }
}
