using System.Net;
using System.Net.Http.Json;
using Framecast.LocalWorker.Tests.Infrastructure;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

/// <summary>/stream as RunPod answers it for a generator handler: each progress step once, in order.</summary>
public sealed class StreamTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Stream_hands_out_every_progress_step_once_with_a_rendered_step_per_scene_in_order()
    {
        var id = await worker.RunAsync(Input([new("a", 1), new("b", 1), new("c", 1)], steering: new JsonObject { ["skip_render"] = true }));
        await worker.WaitForStatusAsync(id, "COMPLETED", "FAILED");

        var first = await worker.Http.GetFromJsonAsync<JsonElement>($"stream/{id}");
        var again = await worker.Http.GetFromJsonAsync<JsonElement>($"stream/{id}");

        Assert.Equal("COMPLETED", first.GetProperty("status").GetString());
        var steps = first.GetProperty("stream").EnumerateArray().Select(item => item.GetProperty("output")).ToList();
        var rendered = steps.Where(s => s.GetProperty("stage").GetString() == "rendered").ToList();
        Assert.Equal(["a", "b", "c"], rendered.Select(s => s.GetProperty("scene_id").GetString()));
        Assert.Equal([1, 2, 3], rendered.Select(s => s.GetProperty("value").GetInt32()));
        var percents = steps.Select(s => s.GetProperty("percent").GetDouble()).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.All(steps, s => Assert.Equal(4, s.GetProperty("max").GetInt32()));
        Assert.Equal("COMPLETED", again.GetProperty("status").GetString());
        Assert.Empty(again.GetProperty("stream").EnumerateArray());
    }

    [Fact]
    public async Task Stream_of_an_unknown_id_is_404()
    {
        using var response = await worker.Http.GetAsync("stream/no-such-job");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
