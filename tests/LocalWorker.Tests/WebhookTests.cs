using System.Net.Http.Json;
using Framecast.LocalWorker.Tests.Infrastructure;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

public sealed class WebhookTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    private static readonly Scene[] OneScene = [new("only", 1)];

    [Fact]
    public async Task Webhook_receives_the_same_body_as_status_when_the_job_completes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await worker.RunAsync(Input(OneScene, jobId: "hook-1"), receiver.Url);

        var delivered = await receiver.NextAsync(TimeSpan.FromSeconds(20));

        var status = await worker.StatusAsync(id);
        Assert.Equal(id, delivered.GetProperty("id").GetString());
        Assert.Equal("COMPLETED", delivered.GetProperty("status").GetString());
        Assert.Equal(status.GetProperty("output").GetRawText(), delivered.GetProperty("output").GetRawText());
        Assert.Equal(status.GetProperty("executionTime").GetInt64(), delivered.GetProperty("executionTime").GetInt64());
        Assert.Equal("user/u1/jobs/hook-1/final.mp4", delivered.GetProperty("output").GetProperty("video").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Report_success_twice_posts_the_completion_webhook_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var steering = new JsonObject { ["report_success_twice"] = true, ["skip_render"] = true };
        var id = await worker.RunAsync(Input(OneScene, steering: steering), receiver.Url);
        await worker.WaitForStatusAsync(id, "COMPLETED");

        var bodies = await receiver.CollectAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, body => Assert.Equal("COMPLETED", body.GetProperty("status").GetString()));
        Assert.Equal(bodies[0].GetRawText(), bodies[1].GetRawText());
    }

    [Fact]
    public async Task Webhook_is_retried_after_a_failed_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var id = await worker.RunAsync(Input(OneScene, steering: new JsonObject { ["skip_render"] = true }), receiver.Url);
        await worker.WaitForStatusAsync(id, "COMPLETED");

        var bodies = await receiver.CollectAsync(TimeSpan.FromSeconds(1.5));

        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, body => Assert.Equal(id, body.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Canceling_a_job_sends_the_CANCELLED_status_to_its_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await worker.RunAsync(Input(OneScene, steering: new JsonObject { ["outcome"] = "hang" }), receiver.Url);
        await worker.WaitForStatusAsync(id, "IN_PROGRESS");

        (await worker.Http.PostAsync($"cancel/{id}", null)).Dispose();
        var delivered = await receiver.NextAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("CANCELLED", delivered.GetProperty("status").GetString());
        Assert.Equal("canceled", delivered.GetProperty("output").GetProperty("failure_type").GetString());
        Assert.Equal("CANCELLED", (await worker.Http.GetFromJsonAsync<JsonElement>($"status/{id}")).GetProperty("status").GetString());
    }
}
