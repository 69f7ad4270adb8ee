using System.Net;
using System.Net.Http.Json;
using Framecast.LocalWorker.Tests.Infrastructure;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

public sealed class OutcomeTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    private static readonly Scene[] TwoScenes = [new("a", 1), new("b", 1)];

    [Fact]
    public async Task Fail_outcome_ends_FAILED_with_the_requested_failure_type_at_the_requested_scene()
    {
        var steering = new JsonObject { ["outcome"] = "fail", ["failure_type"] = "validation", ["fail_at_scene"] = 1 };
        var id = await worker.RunAsync(Input(TwoScenes, steering: steering));

        var status = await worker.WaitForStatusAsync(id, "FAILED", "COMPLETED");

        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("error").GetString()));
        var output = status.GetProperty("output");
        Assert.Equal("validation", output.GetProperty("failure_type").GetString());
        Assert.Equal("b", output.GetProperty("scene_id").GetString());
        Assert.Equal(status.GetProperty("error").GetString(), output.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Hang_stays_in_progress_until_cancel_then_ends_CANCELLED()
    {
        var id = await worker.RunAsync(Input(TwoScenes, steering: new JsonObject { ["outcome"] = "hang" }));
        await worker.WaitForStatusAsync(id, "IN_PROGRESS");
        await Task.Delay(300);
        Assert.Equal("IN_PROGRESS", (await worker.StatusAsync(id)).GetProperty("status").GetString());

        using var cancel = await worker.Http.PostAsync($"cancel/{id}", null);
        var body = await cancel.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("CANCELLED", body.GetProperty("status").GetString());
        await Task.Delay(200);
        var status = await worker.StatusAsync(id);
        Assert.Equal("CANCELLED", status.GetProperty("status").GetString());
        Assert.Equal("canceled", status.GetProperty("output").GetProperty("failure_type").GetString());
    }

    [Fact]
    public async Task Exceeding_policy_executionTimeout_ends_TIMED_OUT()
    {
        var id = await worker.RunAsync(Input(TwoScenes, steering: new JsonObject { ["outcome"] = "hang" }), executionTimeoutMs: 5000);

        var status = await WorkerFixture.WaitForStatusAsync(worker.Http, id, TimeSpan.FromSeconds(15), "TIMED_OUT", "FAILED", "COMPLETED");

        Assert.Equal("TIMED_OUT", status.GetProperty("status").GetString());
        Assert.Equal("timeout", status.GetProperty("output").GetProperty("failure_type").GetString());
        Assert.InRange(status.GetProperty("executionTime").GetInt64(), 4900, 8000);
    }

    [Fact]
    public async Task Retry_requeues_a_failed_job_under_the_same_id_and_refuses_other_states()
    {
        var id = await worker.RunAsync(Input(TwoScenes, steering: new JsonObject { ["outcome"] = "fail" }));
        await worker.WaitForStatusAsync(id, "FAILED");

        using var retry = await worker.Http.PostAsync($"retry/{id}", null);
        var body = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("IN_QUEUE", body.GetProperty("status").GetString());
        await worker.WaitForStatusAsync(id, "FAILED");

        var health = await worker.Http.GetFromJsonAsync<JsonElement>("health");
        Assert.True(health.GetProperty("jobs").GetProperty("retried").GetInt32() >= 1);

        var completed = await worker.RunAsync(Input(TwoScenes, steering: new JsonObject { ["skip_render"] = true }));
        await worker.WaitForStatusAsync(completed, "COMPLETED");
        using var refused = await worker.Http.PostAsync($"retry/{completed}", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
