using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>RFC 7240 <c>Prefer: wait=N</c> on the job creates: one call that answers with the finished job.</summary>
public sealed class PreferWaitTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    private static async Task<Reply> CreateAsync(HttpClient client, string path, object? body, string prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Prefer", prefer);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private static string? Applied(Reply reply) =>
        reply.Raw.Headers.TryGetValues("Preference-Applied", out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Wait_30_on_a_two_scene_storyboard_answers_201_with_the_completed_job_and_its_output_urls()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);

        var created = await CreateAsync(user.Client, "/v1/generate", new { spec = Storyboard(1, 1) }, "wait=30");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("wait=30", Applied(created));
        Assert.Equal("completed", created.Str("status"));
        var output = created.Body.GetProperty("output");
        using var download = new HttpClient();
        var video = await download.GetByteArrayAsync(output.GetProperty("video_url").GetString());
        Assert.Equal(output.GetProperty("size_bytes").GetInt64(), video.LongLength);
        Assert.StartsWith("http", output.GetProperty("thumbnail_url").GetString());
    }

    [Fact]
    public async Task Wait_1_on_a_slow_job_answers_with_the_job_still_queued_or_processing()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);

        var created = await CreateAsync(user.Client, "/v1/generate",
            new { spec = Storyboard(1, 1), options = Fast(new { skip_render = true, delay_ms = 4000 }) }, "respond-async, wait=1");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("wait=1", Applied(created));
        Assert.Contains(created.Str("status"), new[] { "queued", "processing" });
        await fixture.WaitForJobAsync(user, created.Id(), IsTerminal);
    }

    [Fact]
    public async Task A_render_and_a_clone_hold_their_answer_the_same_way()
    {
        var owner = await fixture.Api.CreatorAsync();
        await fixture.GrantAsync($"framecast:team:{owner.MyTeamId}", 100);
        var project = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{owner.MyTeamId}/projects", new { name = "Held", spec = Storyboard(1) });

        var render = await CreateAsync(owner.Client, $"/v1/projects/{project.Id()}/render", new { options = Fast() }, "wait=30");
        var clone = await CreateAsync(owner.Client, $"/v1/jobs/{render.Id()}/clone", null, "wait=30");

        Assert.Equal((HttpStatusCode.Created, "completed", "wait=30"), (render.Status, render.Str("status"), Applied(render)));
        Assert.Equal((HttpStatusCode.Created, "completed", "wait=30"), (clone.Status, clone.Str("status"), Applied(clone)));
    }

    [Theory]
    [InlineData("wait=9999")]
    [InlineData("wait=61")]
    [InlineData("wait=-1")]
    [InlineData("wait=soon")]
    [InlineData("wait")]
    public async Task A_wait_that_cannot_be_honoured_answers_400_and_stores_no_job_and_charges_nothing(string prefer)
    {
        var user = await fixture.CreatorWithCreditsAsync(100);

        var refused = await CreateAsync(user.Client, "/v1/generate", new { spec = Storyboard(1), options = Fast() }, prefer);

        refused.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("Prefer", refused.Body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(0, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM jobs WHERE triggered_by = @Id", new { user.Id }));
        Assert.Equal(100, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task A_client_that_leaves_during_the_hold_leaves_its_job_running_to_completion()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        using var leaving = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { spec = Storyboard(1, 1), options = Fast(new { skip_render = true, delay_ms = 1500 }) }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Prefer", "wait=60");

        var send = user.Client.SendAsync(request, leaving.Token);
        var job = await WaitForTheJobRowAsync(user);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        var ended = await fixture.WaitForJobAsync(user, job, IsTerminal);
        Assert.Equal("completed", ended.GetProperty("status").GetString());
    }

    private async Task<Guid> WaitForTheJobRowAsync(TestUser user)
    {
        for (var i = 0; i < 200; i++)
        {
            var ids = await fixture.Api.SqlAsync<Guid[]>("SELECT coalesce(array_agg(id), '{}') FROM jobs WHERE triggered_by = @Id", new { user.Id });
            if (ids.Length == 1)
            {
                return ids[0];
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the held create never stored its job");
    }
}
