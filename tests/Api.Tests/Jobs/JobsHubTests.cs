using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.TestingHost;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>The SignalR hub, driven by the real JavaScript client (there is no .NET client here).</summary>
public sealed class JobsHubTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    [Theory]
    [InlineData("subscribe")]
    [InlineData("owner")]
    public async Task A_hub_client_receives_each_event_of_the_sse_stream_once_with_its_id(string mode)
    {
        var user = await fixture.CreatorWithCreditsAsync(50);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate",
            new { spec = Storyboard(1, 1), options = Fast(new { skip_render = true, outcome = "hang" }) });
        var jobId = created.Id();
        var token = user.Client.DefaultRequestHeaders.Authorization!.Parameter!;

        using var client = StartClient(fixture.BaseUrl, token, jobId, mode);
        var received = new List<JsonElement>();
        async Task ReadUntilAsync(Func<JsonElement, bool> stop)
        {
            while (await client.StandardOutput.ReadLineAsync() is { } line)
            {
                var message = JsonDocument.Parse(line).RootElement.Clone();
                if (stop(message)) return;
                received.Add(message);
            }
        }
        // Events pushed before the client's subscription settles may come before its ready line.
        await ReadUntilAsync(m => m.TryGetProperty("ready", out _));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{jobId}/cancel")).Status);
        await ReadUntilAsync(_ => false);
        await client.WaitForExitAsync();

        Assert.True(client.ExitCode == 0, await client.StandardError.ReadToEndAsync());
        var sse = await ReadEventsAsync(user.Client, jobId);
        var last = received[^1];
        Assert.Equal("canceled", last.GetProperty("event_type").GetString());
        var matching = sse.Single(f => f.Sequence == last.GetProperty("sequence").GetInt64());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(matching.Data.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(last.GetProperty("payload").GetRawText())),
            $"SSE sent {matching.Data}, the hub {last.GetProperty("payload")}");
        // The owner's group and the job's group both hold the client: still each event once, with the SSE id.
        var sequences = received.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Distinct(), sequences);
        Assert.All(received, e => Assert.Equal(sse.Single(f => f.Sequence == e.GetProperty("sequence").GetInt64()).Id, e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Subscribing_to_a_job_someone_else_owns_is_refused()
    {
        var owner = await fixture.CreatorWithCreditsAsync(50);
        var stranger = await fixture.Api.CreatorAsync();
        var jobId = (await owner.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() })).Id();

        using var client = StartClient(fixture.BaseUrl, stranger.Client.DefaultRequestHeaders.Authorization!.Parameter!, jobId, "subscribe");
        await client.WaitForExitAsync();

        Assert.NotEqual(0, client.ExitCode);
        Assert.Contains("JOB_NOT_FOUND", await client.StandardError.ReadToEndAsync());
    }

    private static Process StartClient(string baseUrl, string token, Guid jobId, string mode)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "Api.Tests", "Jobs", "signalr-client.mjs");
        var start = new ProcessStartInfo("node", $"\"{script}\" {baseUrl} {token} {jobId} {mode}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FRAMECAST_ROOT"] = RepositoryRoot.Path;
        return Process.Start(start)!;
    }
}
