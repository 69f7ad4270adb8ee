using Framecast.LocalWorker.Tests.Infrastructure;
using Framecast.TestingHost;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

public sealed class RenderingTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    private static readonly Scene[] ThreeScenes = [new("opening", 2), new("storm", 3, "Waves crash over the lighthouse; 100% rain, a 'quoted' word and a colon: here"), new("calm", 2)];

    [Fact]
    public async Task Three_scenes_of_2_3_2_seconds_become_a_7_second_h264_video_with_scene_clips_and_thumbnail_in_s3()
    {
        var id = await worker.RunAsync(Input(ThreeScenes, ["fade", "cut"], jobId: "render-1"));

        var status = await worker.WaitForStatusAsync(id, "COMPLETED", "FAILED");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("executionTime").GetInt64() > 0);
        var video = status.GetProperty("output").GetProperty("video");
        Assert.Equal(WorkerFixture.Bucket, video.GetProperty("bucket").GetString());
        Assert.Equal("user/u1/jobs/render-1/final.mp4", video.GetProperty("key").GetString());
        Assert.Equal(7, video.GetProperty("duration_seconds").GetDouble(), 0.01);
        Assert.Equal(320, video.GetProperty("width").GetInt32());
        Assert.Equal(180, video.GetProperty("height").GetInt32());

        var final = await worker.DownloadAsync(video.GetProperty("key").GetString()!);
        Assert.Equal(new FileInfo(final).Length, video.GetProperty("size_bytes").GetInt64());
        var probe = await Ffprobe.ReadAsync(final);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal((320, 180), (probe.Width, probe.Height));
        Assert.InRange(probe.DurationSeconds, 6.5, 7.5);

        var scenes = status.GetProperty("output").GetProperty("scenes").EnumerateArray().ToList();
        Assert.Equal(["opening", "storm", "calm"], scenes.Select(s => s.GetProperty("scene_id").GetString()));
        foreach (var (scene, expected) in scenes.Zip(ThreeScenes))
        {
            Assert.Equal($"user/u1/jobs/render-1/scene_{expected.Id}.mp4", scene.GetProperty("key").GetString());
            var clip = await Ffprobe.ReadAsync(await worker.DownloadAsync(scene.GetProperty("key").GetString()!));
            Assert.Equal("h264", clip.Codec);
            Assert.InRange(clip.DurationSeconds, expected.Duration - 0.2, expected.Duration + 0.2);
        }

        var thumbnail = await File.ReadAllBytesAsync(await worker.DownloadAsync(status.GetProperty("output").GetProperty("thumbnail").GetProperty("key").GetString()!));
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, thumbnail[..2]);
    }

    [Fact]
    public async Task The_spritesheet_is_a_5_by_2_grid_of_frames_one_tenth_of_the_video_apart_with_no_empty_tile()
    {
        var id = await worker.RunAsync(Input(ThreeScenes, ["cut", "cut"], jobId: "render-sheet"));

        var status = await worker.WaitForStatusAsync(id, "COMPLETED", "FAILED");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        var sheet = status.GetProperty("output").GetProperty("spritesheet");
        Assert.Equal("user/u1/jobs/render-sheet/spritesheet.jpg", sheet.GetProperty("key").GetString());
        Assert.Equal((5, 2, 10), (sheet.GetProperty("columns").GetInt32(), sheet.GetProperty("rows").GetInt32(), sheet.GetProperty("frame_count").GetInt32()));
        Assert.Equal((160, 90), (sheet.GetProperty("frame_width").GetInt32(), sheet.GetProperty("frame_height").GetInt32()));
        Assert.Equal(0.7, sheet.GetProperty("interval_seconds").GetDouble(), 0.001);

        var image = await worker.DownloadAsync(sheet.GetProperty("key").GetString()!);
        Assert.Equal((800, 180), await ImageTiles.SizeAsync(image));
        var tiles = new List<byte[]>();
        for (var i = 0; i < 10; i++)
        {
            tiles.Add(await ImageTiles.GrayAsync(image, i % 5 * 160, i / 5 * 90, 160, 90));
        }
        // The grid pads with black when the video runs out: every tile showing a frame has the caption's light pixels.
        Assert.All(tiles, tile => Assert.True(tile.Count(p => p > 128) > 50, "a tile has no caption: the grid ran out of frames"));
        // Tiles 0, 3 and 7 fall in the three scenes (0 s, 2.1 s, 4.9 s), whose prompts and colors differ.
        Assert.True(MeanDifference(tiles[0], tiles[3]) > 5 && MeanDifference(tiles[3], tiles[7]) > 5, "tiles of different scenes look alike");
    }

    private static double MeanDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    [Fact]
    public async Task Consecutive_transitions_keep_the_video_as_long_as_its_scenes()
    {
        var id = await worker.RunAsync(Input(ThreeScenes, ["fade", "dissolve"], jobId: "render-chain"));

        var status = await worker.WaitForStatusAsync(id, "COMPLETED", "FAILED");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        var key = status.GetProperty("output").GetProperty("video").GetProperty("key").GetString()!;
        var probe = await Ffprobe.ReadAsync(await worker.DownloadAsync(key));
        Assert.InRange(probe.DurationSeconds, 6.8, 7.2);
    }

    [Fact]
    public async Task Progress_value_rises_one_step_per_scene_up_to_scene_count_plus_assembly()
    {
        var steering = new JsonObject { ["delay_ms"] = 400 };
        var id = await worker.RunAsync(Input(ThreeScenes, ["dissolve", "wipe"], steering, jobId: "progress-1"));

        var seen = new List<JsonElement>();
        JsonElement status;
        do
        {
            status = await worker.StatusAsync(id);
            if (status.GetProperty("status").GetString() == "IN_PROGRESS" && status.TryGetProperty("output", out var progress))
            {
                seen.Add(progress);
            }

            await Task.Delay(40);
        }
        while (status.GetProperty("status").GetString() is "IN_QUEUE" or "IN_PROGRESS");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.All(seen, p =>
        {
            Assert.Equal("progress", p.GetProperty("type").GetString());
            Assert.Equal(4, p.GetProperty("max").GetInt32());
        });
        var values = seen.Select(p => p.GetProperty("value").GetInt32()).ToList();
        Assert.Equal(values.Order(), values);
        Assert.Superset(new HashSet<int> { 0, 1, 2 }, values.ToHashSet());
        var rendering = seen.Where(p => p.GetProperty("stage").GetString() == "rendering").ToList();
        Assert.Equal(["opening", "storm", "calm"], rendering.Select(p => p.GetProperty("scene_id").GetString()).Distinct());
        Assert.Equal(["1", "2", "3"], rendering.Select(p => p.GetProperty("node").GetString()).Distinct());
        Assert.Equal(50, rendering.First(p => p.GetProperty("value").GetInt32() == 2).GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task Skip_render_uploads_a_valid_placeholder_mp4_without_rendering()
    {
        var scenes = Enumerable.Range(1, 10).Select(i => new Scene($"s{i}", 30)).ToList();
        var started = DateTime.UtcNow;
        var id = await worker.RunAsync(Input(scenes, steering: new JsonObject { ["skip_render"] = true }, jobId: "skip-1"));

        var status = await worker.WaitForStatusAsync(id, "COMPLETED", "FAILED");

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(10, status.GetProperty("output").GetProperty("scenes").GetArrayLength());
        var probe = await Ffprobe.ReadAsync(await worker.DownloadAsync("user/u1/jobs/skip-1/final.mp4"));
        Assert.Equal("h264", probe.Codec);
    }
}
