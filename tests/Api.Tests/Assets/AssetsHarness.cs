using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Assets;

/// <summary>Real media made with ffmpeg, and the upload flow as a client runs it: ask for a URL, PUT to S3, confirm.</summary>
public static class AssetsHarness
{
    private static readonly Lazy<byte[]> PngBytes = new(() => Ffmpeg("-f lavfi -i color=c=red:s=32x24 -frames:v 1", "png"));
    private static readonly Lazy<byte[]> WavBytes = new(() => Ffmpeg("-f lavfi -i sine=frequency=440:duration=0.3", "wav"));

    /// <summary>Presigned URLs point at the S3 server itself: a plain client, like a browser's.</summary>
    public static HttpClient S3 { get; } = new();

    public static byte[] Png => PngBytes.Value;

    public static byte[] Wav => WavBytes.Value;

    public static Task<long> AssetRowsAsync(this ApiFactory factory) => factory.SqlAsync<long>("SELECT count(*) FROM asset_files");

    public static Task<Reply> UploadUrlAsync(this HttpClient client, string filename, string contentType, long size, string? owner = null, Guid? projectId = null) =>
        client.Call(HttpMethod.Post, "/v1/assets/upload-url", new Dictionary<string, object?>
        {
            ["filename"] = filename,
            ["content_type"] = contentType,
            ["size_bytes"] = size,
            ["owner"] = owner,
            ["project_id"] = projectId,
        });

    public static async Task<HttpStatusCode> PutAsync(string url, byte[] bytes, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await S3.PutAsync(url, content);
        return response.StatusCode;
    }

    /// <summary>A pending asset whose bytes are in S3 (not confirmed yet); returns its id.</summary>
    public static async Task<Guid> UploadedAsync(this TestUser user, byte[] bytes, string contentType, string filename = "file", string? owner = null)
    {
        var created = await user.Client.UploadUrlAsync(filename, contentType, bytes.Length, owner);
        Assert.True(created.Status == HttpStatusCode.Created, $"upload-url: {(int)created.Status} {created.Body}");
        Assert.Equal(HttpStatusCode.OK, await PutAsync(created.Str("upload_url"), bytes, contentType));
        return created.Body.GetProperty("asset").GetProperty("id").GetGuid();
    }

    /// <summary>Uploaded and confirmed: a ready asset.</summary>
    public static async Task<Guid> ReadyAssetAsync(this TestUser user, byte[] bytes, string contentType, string filename = "file", string? owner = null)
    {
        var id = await user.UploadedAsync(bytes, contentType, filename, owner);
        var confirmed = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");
        Assert.True(confirmed.Status == HttpStatusCode.OK, $"confirm: {(int)confirmed.Status} {confirmed.Body}");
        return id;
    }

    private static byte[] Ffmpeg(string input, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"framecast-asset-{Guid.NewGuid():N}.{extension}");
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", $"-v error -y {input} \"{path}\"") { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg failed: {errors}");
        try
        {
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
