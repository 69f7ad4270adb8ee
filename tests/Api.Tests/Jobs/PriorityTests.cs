using System.Net;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>An API whose worker may run one job at a time, so that jobs wait in the cluster's queue.</summary>
public sealed class OneSlotApiFixture : IAsyncLifetime
{
    public JobsApiFixture Jobs { get; } = new(new Dictionary<string, string> { ["WORKER_CAPACITY"] = "1", ["WORKER_TYPICAL_RUN_MS"] = "5000" });

    public Task InitializeAsync() => Jobs.InitializeAsync();

    public Task DisposeAsync() => Jobs.DisposeAsync();
}

/// <summary>Job priorities over HTTP: the body's field, its pricing rule, and a waiting job's place in line.</summary>
public sealed class PriorityTests(OneSlotApiFixture slot) : IClassFixture<OneSlotApiFixture>
{
    private JobsApiFixture Fixture => slot.Jobs;

    [Theory]
    [InlineData("\"asap\"")]
    [InlineData("\"URGENT\"")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task An_unknown_priority_answers_400_and_stores_nothing(string priority)
    {
        var user = await Fixture.CreatorWithCreditsAsync(20);

        var reply = await user.Client.Send(HttpMethod.Post, "/v1/generate",
            $"{{\"spec\": {JsonSerializer.Serialize(Storyboard(2))}, \"priority\": {priority}}}");

        if (priority == "null")
        {
            // JSON null is "not given": the default priority.
            Assert.Equal(HttpStatusCode.Created, reply.Status);
            Assert.Equal("normal", reply.Body.GetProperty("priority").GetString());
            return;
        }
        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("priority", reply.Body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(20, await Fixture.CreditsAsync(user.Id));
        Assert.Equal(0, await Fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM jobs WHERE triggered_by = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Urgent_costs_half_as_much_again_and_is_refused_to_a_starter()
    {
        var creator = await Fixture.CreatorWithCreditsAsync(20);
        var starter = await Fixture.Api.StarterAsync();
        await Fixture.GrantAsync(starter.Urn, 20);

        var refused = await starter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(3), options = Fast(), priority = "urgent" });
        var urgent = await creator.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(3), options = Fast(), priority = "urgent" });

        refused.AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");
        Assert.Equal(20, await Fixture.Api.SqlAsync<int>("SELECT credits FROM users WHERE id = @Id", new { starter.Id }));
        Assert.Equal(HttpStatusCode.Created, urgent.Status);
        Assert.Equal("urgent", urgent.Body.GetProperty("priority").GetString());
        // A 3-second storyboard is estimated at 3 credits; urgent charges ceil(1.5 × 3).
        Assert.Equal(5, urgent.Body.GetProperty("credits_charged").GetInt32());
        var done = await Fixture.WaitForJobAsync(creator, urgent.Body.GetProperty("id").GetGuid(), IsTerminal);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(15, await Fixture.CreditsAsync(creator.Id));
    }

    [Fact]
    public async Task A_job_waiting_for_the_worker_shows_its_place_on_get_and_in_its_events_then_runs()
    {
        var holder = await Fixture.CreatorWithCreditsAsync(20);
        var waiter = await Fixture.CreatorWithCreditsAsync(20);
        var hang = await holder.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast(new { outcome = "hang", skip_render = true }) });
        var hangId = hang.Body.GetProperty("id").GetGuid();
        await Fixture.WaitForJobAsync(holder, hangId, j => j.GetProperty("status").GetString() == "processing");

        var created = await waiter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast(), priority = "high" });
        var id = created.Body.GetProperty("id").GetGuid();
        var waiting = await Fixture.WaitForJobAsync(waiter, id, j => j.GetProperty("queue").ValueKind == JsonValueKind.Object);

        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Equal("high", waiting.GetProperty("priority").GetString());
        Assert.Equal(1, waiting.GetProperty("queue").GetProperty("position").GetInt32());
        var expected = waiting.GetProperty("queue").GetProperty("estimated_start_at").GetDateTimeOffset();
        Assert.True(expected > DateTimeOffset.UtcNow.AddSeconds(-1), $"estimated_start_at {expected:O} is in the past");

        var canceled = await holder.Client.Call(HttpMethod.Post, $"/v1/jobs/{hangId}/cancel");
        Assert.Equal(HttpStatusCode.OK, canceled.Status);
        var done = await Fixture.WaitForJobAsync(waiter, id, IsTerminal);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("queue").ValueKind);
        var events = await ReadEventsAsync(waiter.Client, id);
        var place = Assert.Single(events, e => e.Event == "queue_position");
        Assert.Equal(1, place.Data.GetProperty("queue").GetProperty("position").GetInt32());
        Assert.Equal(["queued", "queue_position", "started"], events.Take(3).Select(e => e.Event));
    }
}
