using System.Net;
using System.Net.Http.Json;
using Framecast.LocalWorker.Tests.Infrastructure;
using Framecast.TestingHost;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

/// <summary>RunPod's execution policy as the worker honours it: a request nobody follows still ends, and gives its slot back.</summary>
public sealed class PolicyTests
{
    private static readonly Scene[] TwoScenes = [new("a", 1), new("b", 1)];

    [Fact]
    public async Task A_job_still_queued_when_its_ttl_runs_out_is_dropped_and_leaves_the_queue()
    {
        var (worker, http) = await StartSingleSlotWorkerAsync();
        await using var _ = worker;
        using var __ = http;
        var blocker = await WorkerFixture.RunAsync(http, Input(TwoScenes, steering: new JsonObject { ["outcome"] = "hang", ["skip_render"] = true }));
        await WorkerFixture.WaitForStatusAsync(http, blocker, TimeSpan.FromSeconds(15), "IN_PROGRESS");

        var queued = await WorkerFixture.RunAsync(http, Input(TwoScenes, steering: new JsonObject { ["skip_render"] = true }), ttlMs: 1000);
        Assert.Equal(1, (await HealthAsync(http)).GetProperty("jobs").GetProperty("inQueue").GetInt32());

        // Dropped while the only slot is still busy: the ttl, not a free slot, ends it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        while ((status = (await http.GetAsync($"status/{queued}")).StatusCode) == HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The job is still known 10 s after its 1 s ttl.");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("IN_PROGRESS", (await http.GetFromJsonAsync<JsonElement>($"status/{blocker}")).GetProperty("status").GetString());
        var jobs = (await HealthAsync(http)).GetProperty("jobs");
        Assert.Equal(0, jobs.GetProperty("inQueue").GetInt32());
        Assert.Equal(1, jobs.GetProperty("inProgress").GetInt32());
    }

    [Fact]
    public async Task A_job_past_its_executionTimeout_is_stopped_TIMED_OUT_and_its_slot_serves_the_next_job()
    {
        var (worker, http) = await StartSingleSlotWorkerAsync();
        await using var _ = worker;
        using var __ = http;
        var hung = await WorkerFixture.RunAsync(http, Input(TwoScenes, steering: new JsonObject { ["outcome"] = "hang", ["skip_render"] = true }), executionTimeoutMs: 5000);
        var next = await WorkerFixture.RunAsync(http, Input(TwoScenes, steering: new JsonObject { ["skip_render"] = true }));

        var timedOut = await WorkerFixture.WaitForStatusAsync(http, hung, TimeSpan.FromSeconds(20), "TIMED_OUT", "FAILED", "COMPLETED", "CANCELLED");
        Assert.Equal("TIMED_OUT", timedOut.GetProperty("status").GetString());
        Assert.Equal("timeout", timedOut.GetProperty("output").GetProperty("failure_type").GetString());

        var completed = await WorkerFixture.WaitForStatusAsync(http, next, TimeSpan.FromSeconds(20), "COMPLETED", "FAILED", "TIMED_OUT");
        Assert.Equal("COMPLETED", completed.GetProperty("status").GetString());
        var health = await HealthAsync(http);
        Assert.Equal(0, health.GetProperty("workers").GetProperty("running").GetInt32());
        Assert.Equal(0, health.GetProperty("jobs").GetProperty("inProgress").GetInt32() + health.GetProperty("jobs").GetProperty("inQueue").GetInt32());
    }

    private static Task<(Microsoft.AspNetCore.Builder.WebApplication Worker, HttpClient Http)> StartSingleSlotWorkerAsync() =>
        WorkerFixture.StartWorkerAsync(new Configuration.WorkerSettings
        {
            Urls = "http://127.0.0.1:0",
            Concurrency = 1,
            S3Endpoint = S3Server.Options.Endpoint!,
        });

    private static Task<JsonElement> HealthAsync(HttpClient http) => http.GetFromJsonAsync<JsonElement>("health");
}
