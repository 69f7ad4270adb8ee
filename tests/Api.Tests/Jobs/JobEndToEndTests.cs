using System.Net;
using System.Text;
using Framecast.Api.Tests.Accounts;
using Framecast.TestingHost;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>From POST /v1/generate to a playable MP4 in S3, followed over SSE.</summary>
public sealed class JobEndToEndTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    [Fact]
    public async Task A_two_three_two_storyboard_becomes_a_seven_second_h264_video_and_its_stream_shows_every_step()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);

        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2, 3, 2) });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var jobId = created.Id();
        Assert.Equal($"/v1/jobs/{jobId}", created.Raw.Headers.Location?.OriginalString);
        var frames = await ReadEventsAsync(user.Client, jobId);

        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), frames.Select(f => f.Sequence));
        Assert.All(frames, f => Assert.StartsWith($"{jobId}:", f.Id));
        Assert.Equal("queued", frames[0].Event);
        Assert.Equal("started", frames[1].Event);
        Assert.Equal(["s1", "s2", "s3"], frames.Where(f => f.Event == "scene_complete").Select(f => f.Data.GetProperty("scene_id").GetString()));
        Assert.Contains(frames, f => f.Event == "progress");
        Assert.Equal("completed", frames[^1].Event);

        var job = (await user.Client.Call(HttpMethod.Get, $"/v1/jobs/{jobId}")).Body;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100 - job.GetProperty("credits_charged").GetInt32(), await fixture.CreditsAsync(user.Id));
        var output = job.GetProperty("output");
        Assert.Equal("320x180", output.GetProperty("resolution").GetString());
        using var download = new HttpClient();
        var video = await download.GetByteArrayAsync(output.GetProperty("video_url").GetString());
        Assert.Equal(output.GetProperty("size_bytes").GetInt64(), video.LongLength);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, video);
        var probe = await Ffprobe.ReadAsync(file);
        var (codec, seconds) = (probe.Codec, probe.DurationSeconds);
        Assert.Equal("h264", codec);
        Assert.True(seconds is > 6.5 and < 7.5, $"the video lasts {seconds} s");
        Assert.Equal(3, output.GetProperty("scene_clips").GetArrayLength());
        Assert.StartsWith("http", output.GetProperty("thumbnail_url").GetString());
        var spritesheet = output.GetProperty("spritesheet");
        Assert.Equal(10, spritesheet.GetProperty("frame_count").GetInt32());
        Assert.Equal(0.7, spritesheet.GetProperty("interval_seconds").GetDouble(), 0.001);
        var sheet = await download.GetByteArrayAsync(spritesheet.GetProperty("url").GetString());
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, sheet[..2]);
    }

    [Fact]
    public async Task A_client_that_resumes_with_last_event_id_misses_nothing_and_gets_nothing_twice()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate",
            new { spec = Storyboard(1, 1, 1, 1), options = Fast(new { skip_render = true, delay_ms = 250 }) });
        var jobId = created.Id();

        var first = await ReadEventsAsync(user.Client, jobId, stopAfter: 3);
        var rest = await ReadEventsAsync(user.Client, jobId, lastEventId: first[^1].Id);
        var all = first.Concat(rest).ToList();

        Assert.Equal(3, first.Count);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(f => f.Sequence));
        Assert.Equal("completed", all[^1].Event);
        var replay = await ReadEventsAsync(user.Client, jobId);
        Assert.Equal(all.Select(f => f.Id), replay.Select(f => f.Id));
    }

    [Fact]
    public async Task A_yaml_storyboard_is_accepted_like_json()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        const string yaml = """
            spec:
              title: Harbor
              scenes:
                - id: a
                  prompt: Boats at dawn
                  duration: 2
            options:
              local_worker:
                skip_render: true
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };

        using var response = await user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Boats at dawn", job.GetProperty("spec_snapshot").GetProperty("scenes")[0].GetProperty("prompt").GetString());
        Assert.Equal(2, job.GetProperty("credits_charged").GetInt32());
    }
}
