using Framecast.Cli.Output;

namespace Framecast.Cli.Commands;

/// <summary>Downloads a finished job's video and thumbnail from their presigned URLs into a directory.</summary>
public static class OutputDownload
{
    public sealed record SavedFiles(string Video, string? Thumbnail);

    public static async Task<SavedFiles> SaveAsync(JobResponse job, string directory, CancellationToken cancellationToken)
    {
        var output = job.Output is JsonElement { ValueKind: JsonValueKind.Object } element ? element : default;
        var videoUrl = Url(output, "video_url") ?? throw new CliException(ExitCodes.Failed, $"job {job.Id} completed without a video URL.");
        Directory.CreateDirectory(directory);
        // A client of its own: the presigned URLs carry their own authorization, and our bearer token must not reach S3.
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var video = await DownloadAsync(http, videoUrl, Path.Combine(directory, $"{job.Id}.mp4"), cancellationToken);
        var thumbnail = Url(output, "thumbnail_url") is { } thumbnailUrl
            ? await DownloadAsync(http, thumbnailUrl, Path.Combine(directory, $"{job.Id}{Extension(thumbnailUrl, ".jpg")}"), cancellationToken)
            : null;
        return new SavedFiles(video, thumbnail);
    }

    private static string? Url(JsonElement output, string name) =>
        output.ValueKind == JsonValueKind.Object && output.TryGetProperty(name, out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;

    private static string Extension(string url, string fallback) =>
        Path.GetExtension(new Uri(url).AbsolutePath) is { Length: > 1 and <= 5 } extension ? extension : fallback;

    private static async Task<string> DownloadAsync(HttpClient http, string url, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        // Written next to the target and moved into place, so a cut download never leaves a broken file under the name.
        var partial = path + ".part";
        await using (var file = File.Create(partial))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }
        File.Move(partial, path, overwrite: true);
        return Path.GetFullPath(path);
    }
}
