using Framecast.LocalWorker.Tests.Infrastructure;
using Framecast.TestingHost;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

/// <summary>Referenced audio and images: downloaded from S3 over HTTP, mixed and overlaid by ffmpeg.</summary>
public sealed class MediaTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    private const int Width = 320;
    private const int Height = 180;

    [Fact]
    public async Task A_music_track_becomes_an_aac_stream_as_long_as_the_video()
    {
        var url = await MediaFiles.ServeAsync(worker.S3, await MediaFiles.SineWavAsync(3), "audio/wav");
        var input = Input([new("intro", 2), new("outro", 2)], ["fade"], jobId: "media-music");
        AddAudio(input, "music", new JsonObject { ["url"] = url, ["start_seconds"] = 0.5, ["volume"] = 0.8, ["fade_in_seconds"] = 0.5, ["fade_out_seconds"] = 0.5 });

        var status = await worker.WaitForStatusAsync(await worker.RunAsync(input), "COMPLETED", "FAILED");

        Assert.True(status.GetProperty("status").GetString() == "COMPLETED", status.ToString());
        var final = await worker.DownloadAsync(status.GetProperty("output").GetProperty("video").GetProperty("key").GetString()!);
        var video = await Ffprobe.ReadAsync(final);
        var audio = await Ffprobe.ReadAudioAsync(final);
        Assert.NotNull(audio);
        Assert.Equal("aac", audio.Value.Codec);
        Assert.InRange(audio.Value.DurationSeconds, 3.8, 4.2);
        Assert.InRange(video.DurationSeconds, 3.8, 4.2);
        Assert.Equal(4, status.GetProperty("output").GetProperty("video").GetProperty("duration_seconds").GetDouble(), 0.01);
    }

    [Fact]
    public async Task A_job_without_audio_nodes_stays_video_only()
    {
        var status = await worker.WaitForStatusAsync(await worker.RunAsync(Input([new("only", 1)], jobId: "media-silent")), "COMPLETED", "FAILED");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        var final = await worker.DownloadAsync(status.GetProperty("output").GetProperty("video").GetProperty("key").GetString()!);
        Assert.Null(await Ffprobe.ReadAudioAsync(final));
    }

    [Fact]
    public async Task A_scene_image_fills_the_middle_of_the_right_third_and_leaves_the_rest_of_the_frame_alone()
    {
        var url = await MediaFiles.ServeAsync(worker.S3, await MediaFiles.SolidPngAsync("red", 64, 64), "image/png");
        var input = Input([new("portrait", 2, "Fox")], jobId: "media-image");
        var scene = input["workflow"]!["1"]!["inputs"]!.AsObject();
        scene["images"] = new JsonArray(url);
        scene["background_color"] = "#0000ff";

        var status = await worker.WaitForStatusAsync(await worker.RunAsync(input), "COMPLETED", "FAILED");

        Assert.True(status.GetProperty("status").GetString() == "COMPLETED", status.ToString());
        var final = await worker.DownloadAsync(status.GetProperty("output").GetProperty("video").GetProperty("key").GetString()!);
        // The 64×64 image is scaled to 106×106 and centred in x 214–320, y 37–143.
        var inImage = await MediaFiles.PixelAsync(final, 1, Width, Height, 267, 90);
        Assert.True(inImage is { R: > 200, G: < 60, B: < 60 }, $"Expected red in the right third, saw {inImage}.");
        var besideImage = await MediaFiles.PixelAsync(final, 1, Width, Height, 40, 150);
        Assert.True(besideImage is { R: < 60, B: > 200 }, $"Expected the blue background at the left, saw {besideImage}.");
    }

    [Fact]
    public async Task An_audio_url_that_answers_404_fails_the_job_as_validation_naming_its_node()
    {
        var input = Input([new("only", 1)], jobId: "media-dead");
        AddAudio(input, "gone", new JsonObject { ["url"] = MediaFiles.UrlOf(worker.S3, "assets/does-not-exist.wav") });

        var status = await worker.WaitForStatusAsync(await worker.RunAsync(input), "COMPLETED", "FAILED");

        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        var output = status.GetProperty("output");
        Assert.Equal("validation", output.GetProperty("failure_type").GetString());
        var message = output.GetProperty("message").GetString()!;
        Assert.Contains("Node gone (FramecastAudio)", message);
        Assert.Contains("assets/does-not-exist.wav", message);
        Assert.DoesNotContain("X-Amz-Signature", message);
    }

    private static void AddAudio(JsonObject input, string nodeId, JsonObject inputs)
    {
        var workflow = input["workflow"]!.AsObject();
        workflow[nodeId] = Node("FramecastAudio", inputs);
        workflow["save"]!["inputs"]!["audio"] = new JsonArray(Link(nodeId));
    }
}
