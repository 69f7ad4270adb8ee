using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Framecast.LocalWorker.Tests.Infrastructure;
using static Framecast.LocalWorker.Tests.Infrastructure.Workflows;

namespace Framecast.LocalWorker.Tests;

public sealed class ProtocolTests(WorkerFixture worker) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Status_of_an_unknown_id_is_404_with_a_json_error()
    {
        using var response = await worker.Http.GetAsync("status/no-such-job");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no-such-job", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Run_without_input_is_refused_with_400()
    {
        using var response = await worker.Http.PostAsJsonAsync("run", new JsonObject { ["webhook"] = "http://127.0.0.1:1/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
    }

    public static TheoryData<string, string> BadWorkflows => new()
    {
        { "missing", "workflow" },
        { """{"1": {"class_type": "FramecastConcat", "inputs": {"clips": [["2", 0]]}}, "2": {"class_type": "FramecastConcat", "inputs": {"clips": [["1", 0]]}}}""", "cycle" },
        { """{"1": {"class_type": "KSampler", "inputs": {}}}""", "KSampler" },
        { """{"1": {"class_type": "FramecastSceneClip", "inputs": {"scene_id": "a", "prompt": "x", "duration_seconds": 2}}, "2": {"class_type": "FramecastSaveVideo", "inputs": {"video": ["9", 0]}}}""", "does not exist" },
        { """{"1": {"class_type": "FramecastSceneClip", "inputs": {"scene_id": "a", "prompt": "x"}}, "2": {"class_type": "FramecastSaveVideo", "inputs": {"video": ["1", 0]}}}""", "duration_seconds" },
    };

    [Theory]
    [MemberData(nameof(BadWorkflows))]
    public async Task Invalid_workflow_is_accepted_then_ends_FAILED_with_failure_type_validation(string workflow, string messagePart)
    {
        var id = await worker.RunAsync(Wrap(workflow == "missing" ? null : JsonNode.Parse(workflow)));

        var status = await worker.WaitForStatusAsync(id, "FAILED", "COMPLETED");

        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal("validation", status.GetProperty("output").GetProperty("failure_type").GetString());
        Assert.Contains(messagePart, status.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Health_counts_jobs_by_state_and_reports_idle_workers()
    {
        var id = await worker.RunAsync(Input([new Scene("h", 1)], steering: new JsonObject { ["skip_render"] = true }));
        await worker.WaitForStatusAsync(id, "COMPLETED");

        var health = await worker.Http.GetFromJsonAsync<JsonElement>("health");

        Assert.True(health.GetProperty("jobs").GetProperty("completed").GetInt32() >= 1);
        foreach (var counter in new[] { "failed", "inProgress", "inQueue", "retried" })
        {
            Assert.True(health.GetProperty("jobs").TryGetProperty(counter, out _), counter);
        }

        Assert.Equal(worker.Settings.Concurrency, health.GetProperty("workers").GetProperty("idle").GetInt32() + health.GetProperty("workers").GetProperty("running").GetInt32());
    }

    [Fact]
    public async Task Jobs_are_only_visible_through_the_endpoint_they_were_submitted_to()
    {
        var id = await worker.RunAsync(Input([new Scene("e", 1)], steering: new JsonObject { ["skip_render"] = true }));

        using var response = await worker.Http.GetAsync($"../other-endpoint/status/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_an_api_key_set_calls_need_the_bearer_token()
    {
        var (other, http) = await WorkerFixture.StartWorkerAsync(worker.Settings with { ApiKey = "secret-key" });
        await using var _ = other;
        using var __ = http;

        using var anonymous = await http.GetAsync("health");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using var wrong = await http.GetAsync("health");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "secret-key");
        using var right = await http.GetAsync("health");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Finished_jobs_are_forgotten_after_the_result_retention()
    {
        var (other, http) = await WorkerFixture.StartWorkerAsync(worker.Settings with { ResultRetention = TimeSpan.FromMilliseconds(500) });
        await using var _ = other;
        using var __ = http;
        var id = await WorkerFixture.RunAsync(http, Input([new Scene("r", 1)], steering: new JsonObject { ["skip_render"] = true }));
        await WorkerFixture.WaitForStatusAsync(http, id, TimeSpan.FromSeconds(10), "COMPLETED");

        await Task.Delay(800);
        using var response = await http.GetAsync($"status/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
