using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.DependencyInjection;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>Referenced assets through the real pipeline: resolved at submission, downloaded and mixed by the local worker.</summary>
public sealed class JobMediaTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task An_uploaded_wav_as_global_music_is_heard_in_the_final_mp4()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var asset = await InsertUploadAsync(harness, owner, user, "ready");
        await PutAsync(harness, asset.Key, await SineWavAsync(2));

        var admitted = await harness.AdmitAsync(owner, user, WithMusic(asset.Id), Steering(new { }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id, TimeSpan.FromSeconds(90));

        Assert.True(job.Status == JobStatus.Completed, $"The job ended {job.Status}: {job.Error}");
        var output = job.Output!.Value;
        var file = await DownloadAsync(harness, output.GetProperty("bucket").GetString()!, output.GetProperty("video_key").GetString()!);
        var audio = ProbeAudio(file);
        Assert.NotNull(audio);
        Assert.Equal("aac", audio.Value.Codec);
        Assert.InRange(audio.Value.Seconds, 2.8, 3.2);
    }

    [Fact]
    public async Task A_music_upload_that_is_not_ready_at_submission_fails_the_job_as_validation_naming_its_path_with_a_full_refund()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var asset = await InsertUploadAsync(harness, owner, user, "pending");

        var admitted = await harness.AdmitAsync(owner, user, WithMusic(asset.Id), Steering(new { }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(FailureType.Validation, job.FailureType);
        var error = job.Error!.Value;
        Assert.Equal("asset_unavailable", error.GetProperty("code").GetString());
        Assert.Contains($"global_audio.music.asset_id ({asset.Id})", error.GetProperty("message").GetString());
        Assert.Equal(job.CreditsCharged, job.CreditsRefunded);
        Assert.Equal(100, await harness.BalanceAsync("users", user));
        Assert.Equal("failed", (await harness.EventsAsync(job.Id))[^1].Type);
    }

    private static JsonElement WithMusic(Guid assetId) => JsonSerializer.SerializeToElement(new
    {
        title = "With music",
        global_audio = new { music = new { asset_id = assetId.ToString(), volume = 0.8, fade_out = 0.5 } },
        scenes = new[] { new { id = "s1", prompt = "A harbor", duration = 1 }, new { id = "s2", prompt = "A storm", duration = 2 } },
    });

    private static async Task<(Guid Id, string Key)> InsertUploadAsync(PipelineHarness harness, string owner, Guid user, string status)
    {
        var id = Guid.NewGuid();
        var key = $"user/{user}/assets/{id}/music.wav";
        await using var connection = harness.Open();
        await connection.ExecuteAsync(
            """
            INSERT INTO asset_files (id, owner, uploaded_by, filename, s3_key, content_type, size_bytes, status)
            VALUES (@id, @owner, @user, 'music.wav', @key, 'audio/wav', 1000, @status::asset_status)
            """,
            new { id, owner, user, key, status });
        return (id, key);
    }

    private static async Task PutAsync(PipelineHarness harness, string key, string path)
    {
        var services = harness.Cluster.ServicesOf(harness.Cluster.Silos[0]);
        // Nothing may have created the buckets yet on a fresh S3.
        await services.GetRequiredService<ObjectStore>().EnsureBucketsAsync();
        await services.GetRequiredService<IAmazonS3>().PutObjectAsync(new PutObjectRequest
        {
            BucketName = services.GetRequiredService<ObjectStorageOptions>().OutputsBucket,
            Key = key,
            FilePath = path,
            ContentType = "audio/wav",
            UseChunkEncoding = false,
        });
    }

    private static async Task<string> DownloadAsync(PipelineHarness harness, string bucket, string key)
    {
        var store = harness.Cluster.ServicesOf(harness.Cluster.Silos[0]).GetRequiredService<ObjectStore>();
        var file = Path.GetTempFileName();
        await using var download = await store.OpenReadAsync(bucket, key);
        await using var target = File.Create(file);
        await download.CopyToAsync(target);
        return file;
    }

    private static async Task<string> SineWavAsync(double seconds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"framecast-sine-{Guid.NewGuid():N}.wav");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-f", "lavfi", "-i", $"sine=frequency=330:duration={seconds}", path })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }

    private static (string Codec, double Seconds)? ProbeAudio(string file)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,duration", "-of", "default=noprint_wrappers=1", file })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        process.WaitForExit();
        return lines.TryGetValue("codec_name", out var codec)
            ? (codec, double.Parse(lines["duration"], System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }
}
