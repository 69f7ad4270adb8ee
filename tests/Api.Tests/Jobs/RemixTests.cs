using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>POST /v1/jobs/:id/clone with overrides: a remix of a finished job's storyboard.</summary>
public sealed class RemixTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    [Fact]
    public async Task A_remix_that_changes_one_prompt_renders_that_scene_anew_and_records_its_source()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var source = (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1, 1) })).Id();
        var original = await fixture.WaitForJobAsync(user, source, IsTerminal);

        var remix = await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{source}/clone",
            new { overrides = new { scenes = new Dictionary<string, object> { ["s2"] = new { prompt = "A lighthouse in a snowstorm at night" } } } });

        Assert.Equal(HttpStatusCode.Created, remix.Status);
        Assert.Equal(source, remix.Body.GetProperty("source_job_id").GetGuid());
        var scenes = remix.Body.GetProperty("spec_snapshot").GetProperty("scenes");
        Assert.Equal(["The harbor, shot 1", "A lighthouse in a snowstorm at night"], scenes.EnumerateArray().Select(s => s.GetProperty("prompt").GetString()));
        var remixed = await fixture.WaitForJobAsync(user, remix.Id(), IsTerminal);
        Assert.Equal("completed", remixed.GetProperty("status").GetString());

        // The caption is the prompt: the changed scene's frames differ from the source's, the untouched scene's do not.
        var changed = MeanDifference(await FrameAsync(original, "s2"), await FrameAsync(remixed, "s2"));
        var untouched = MeanDifference(await FrameAsync(original, "s1"), await FrameAsync(remixed, "s1"));
        Assert.True(changed > 2 * untouched + 1, $"scene s2 differs by {changed:0.00}, scene s1 by {untouched:0.00}");
    }

    [Fact]
    public async Task A_remix_is_priced_anew_from_its_merged_storyboard()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var source = (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1, 1), options = Fast() })).Id();
        await fixture.WaitForJobAsync(user, source, IsTerminal);

        var remix = await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{source}/clone",
            new { overrides = new { scenes = new Dictionary<string, object> { ["s1"] = new { duration = 5 } } } });

        Assert.Equal(HttpStatusCode.Created, remix.Status);
        var estimate = await user.Client.Call(HttpMethod.Post, "/v1/spec/estimate", remix.Body.GetProperty("spec_snapshot"));
        Assert.Equal(estimate.Body.GetProperty("estimated_credits").GetInt32(), remix.Body.GetProperty("credits_charged").GetInt32());
        Assert.True(remix.Body.GetProperty("credits_charged").GetInt32() > 2);
    }

    [Theory]
    [InlineData("""{"overrides":{"scenes":{"s1":{"duration":-5}}}}""", HttpStatusCode.UnprocessableEntity, "SPEC_INVALID")]
    [InlineData("""{"overrides":{"scenes":null}}""", HttpStatusCode.UnprocessableEntity, "SPEC_INVALID")]
    [InlineData("""{"overrides":{"scenes":{"s7":{"prompt":"x"}}}}""", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("""{"overrides":"shorter please"}""", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    public async Task A_merge_patch_that_breaks_the_storyboard_is_refused_and_stores_and_charges_nothing(string body, HttpStatusCode status, string code)
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var source = (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() })).Id();
        await fixture.WaitForJobAsync(user, source, IsTerminal);
        var credits = await fixture.CreditsAsync(user.Id);

        var refused = await user.Client.Send(HttpMethod.Post, $"/v1/jobs/{source}/clone", body);

        refused.AssertError(status, code);
        Assert.Equal(1, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM jobs WHERE triggered_by = @Id", new { user.Id }));
        Assert.Equal(credits, await fixture.CreditsAsync(user.Id));
    }

    /// <summary>The middle frame of one scene clip of a finished job, in gray pixels.</summary>
    private static async Task<byte[]> FrameAsync(JsonElement job, string sceneId)
    {
        var url = job.GetProperty("output").GetProperty("scene_clips").EnumerateArray()
            .Single(c => c.GetProperty("scene_id").GetString() == sceneId).GetProperty("url").GetString()!;
        using var http = new HttpClient();
        var clip = Path.GetTempFileName();
        await File.WriteAllBytesAsync(clip, await http.GetByteArrayAsync(url));
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-ss", "0.5", "-i", clip, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-" })
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        using var pixels = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(pixels);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        File.Delete(clip);
        return pixels.ToArray();
    }

    private static double MeanDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
}
