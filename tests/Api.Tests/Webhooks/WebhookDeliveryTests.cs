using System.Text.Json;
using System.Net;
using Dapper;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Jobs;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Webhooks;

/// <summary>Deliveries over real HTTP to a receiver on 127.0.0.1: events, signatures, order, retries, give-up and manual retry.</summary>
public sealed class WebhookDeliveryTests(WebhooksApiFixture fixture) : IClassFixture<WebhooksApiFixture>
{
    private JobsApiFixture Jobs => fixture.Jobs;

    /// <summary>A creator's own team with credits, and a webhook on it pointing at a receiver of its own.</summary>
    private async Task<(TestUser Owner, Guid Team, Guid Webhook, string Secret, string Whsec, WebhookReceiver Receiver)> HookedTeamAsync(
        WebhookReceiver? receiver = null, string[]? events = null)
    {
        var owner = await Jobs.Api.CreatorAsync();
        var team = owner.MyTeamId!.Value;
        await Jobs.GrantAsync($"framecast:team:{team}", 100);
        receiver ??= fixture.Receiver;
        var created = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks",
            new { url = receiver.Url, events = events ?? ["job.queued", "job.started", "job.progress", "job.completed", "job.failed", "job.canceled"] });
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        var webhook = created.Body.GetProperty("webhook");
        return (owner, team, webhook.GetProperty("id").GetGuid(), created.Str("secret"), created.Str("standard_webhooks_secret"), receiver);
    }

    private async Task<JsonElement> WaitForDeliveryAsync(TestUser owner, Guid webhook, Guid delivery, string status, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var list = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{webhook}/deliveries?limit=100");
            Assert.Equal(HttpStatusCode.OK, list.Status);
            var found = list.Body.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == delivery);
            if (found.GetProperty("status").GetString() == status)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"delivery {delivery} never became {status}: {found}");
            await Task.Delay(100);
        }
    }

    private async Task<List<(int Attempt, int? Status, int? LatencyMs, string? Excerpt, string? Error)>> AttemptsAsync(Guid delivery)
    {
        await using var connection = await Jobs.Api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await connection.QueryAsync<(int, int?, int?, string?, string?)>(
            "SELECT attempt, response_status, latency_ms, response_excerpt, error FROM webhook_delivery_attempts WHERE delivery_id = @delivery ORDER BY attempt",
            new { delivery })).ToList();
    }

    [Fact]
    public async Task A_receiver_gets_every_event_of_a_job_once_in_sequence_each_verifying_with_both_schemes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, team, _, secret, whsec, _) = await HookedTeamAsync(receiver);

        var generated = await owner.Client.Call(HttpMethod.Post, "/v1/generate",
            new { owner = $"framecast:team:{team}", spec = Storyboard(1, 1, 1), options = Fast() });
        Assert.Equal(HttpStatusCode.Created, generated.Status);
        var jobId = generated.Id();
        await Jobs.WaitForJobAsync(owner, jobId, j => j.GetProperty("status").GetString() == "completed");
        var requests = await receiver.WaitForAsync(r => r.Any(w => w.Event == "job.completed"));
        // Delivery is at least once: an attempt that outlived the timeout on a starved machine is sent again, and the
        // receiver, as the spec tells it to, keeps the first of each webhook-id.
        var received = requests.DistinctBy(r => r.DeliveryId).ToList();

        Assert.All(requests, r =>
        {
            Assert.True(r.VerifiesWithSpecScheme(secret), $"spec signature of {r.Event} does not verify");
            Assert.True(r.VerifiesWithStandardWebhooks(whsec), $"Standard Webhooks signature of {r.Event} does not verify");
            Assert.False(r.VerifiesWithSpecScheme("0" + secret[1..]), "a wrong secret verified");
            Assert.Equal("application/json", r.Headers["content-type"]);
            Assert.Equal(r.Headers["x-webhook-delivery-id"], r.DeliveryId);
            Assert.Equal(r.DeliveryId, r.Json.GetProperty("delivery_id").GetString());
            Assert.Equal(jobId, r.Json.GetProperty("job").GetProperty("id").GetGuid());
        });
        // Each event once, in the order of the job's events.
        var events = received.Select(r => r.Event).ToList();
        Assert.Equal("job.queued", events[0]);
        Assert.Equal("job.started", events[1]);
        Assert.Equal("job.completed", events[^1]);
        Assert.All(events[2..^1], e => Assert.Equal("job.progress", e));
        Assert.Single(events, "job.queued");
        Assert.Single(events, "job.completed");
        var sequence = (await DeliveriesOfJobAsync(jobId)).ToList();
        Assert.Equal(received.Select(r => Guid.Parse(r.DeliveryId)), sequence);
        Assert.Equal("queued", received[0].Json.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal("processing", received[1].Json.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal($"framecast:team:{team}", received[^1].Json.GetProperty("job").GetProperty("owner").GetString());
        // The outputs' URLs are presigned when sent (spec 06 §8.5), and they download.
        var output = received[^1].Json.GetProperty("job").GetProperty("output");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(output.GetProperty("video_url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(output.GetProperty("thumbnail_url").GetString())).StatusCode);
        Assert.True(output.TryGetProperty("size_bytes", out _));
        Assert.Equal(0, await Jobs.Api.SqlAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE job_id = @jobId AND strpos(payload::text, 'video_url') > 0", new { jobId }));
    }

    /// <summary>The job's deliveries in the order the webhook's queue holds them (the order of the job's events).</summary>
    private async Task<IEnumerable<Guid>> DeliveriesOfJobAsync(Guid jobId)
    {
        await using var connection = await Jobs.Api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.QueryAsync<Guid>("SELECT id FROM webhook_deliveries WHERE job_id = @jobId ORDER BY seq", new { jobId });
    }

    [Fact]
    public async Task A_personal_job_and_an_unsubscribed_event_send_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, team, _, _, _, _) = await HookedTeamAsync(receiver, ["job.canceled"]);
        await Jobs.GrantAsync(owner.Urn, 50);
        var personal = await owner.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() });
        var teamJob = await owner.Client.Call(HttpMethod.Post, "/v1/generate",
            new { owner = $"framecast:team:{team}", spec = Storyboard(1), options = Fast() });
        await Jobs.WaitForJobAsync(owner, personal.Id(), IsTerminal);
        await Jobs.WaitForJobAsync(owner, teamJob.Id(), IsTerminal);

        Assert.Equal(0, await Jobs.Api.SqlAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE job_id = ANY(@ids)",
            new { ids = new[] { personal.Id(), teamJob.Id() } }));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_verify_with_the_new_secret_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, _, webhook, oldSecret, oldWhsec, _) = await HookedTeamAsync(receiver);
        var rotated = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/rotate-secret");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var secret = rotated.Str("secret");
        Assert.NotEqual(oldSecret, secret);
        Assert.Matches("^[0-9a-f]{64}$", secret);

        var tested = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");

        Assert.Equal(HttpStatusCode.OK, tested.Status);
        Assert.Equal("delivered", tested.Str("status"));
        Assert.Equal(200, tested.Body.GetProperty("response_status").GetInt32());
        var got = Assert.Single(receiver.Received);
        Assert.Equal("webhook.test", got.Event);
        Assert.True(got.VerifiesWithSpecScheme(secret));
        Assert.True(got.VerifiesWithStandardWebhooks(rotated.Str("standard_webhooks_secret")));
        Assert.False(got.VerifiesWithSpecScheme(oldSecret));
        Assert.False(got.VerifiesWithStandardWebhooks(oldWhsec));
    }

    [Fact]
    public async Task A_receiver_answering_500_three_times_gets_the_delivery_on_the_fourth_attempt_and_every_attempt_is_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, _, webhook, secret, _, _) = await HookedTeamAsync(receiver);
        receiver.Answer(500, 500, 500, 200);

        var first = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");
        Assert.Equal("retrying", first.Str("status"));
        Assert.Equal(500, first.Body.GetProperty("response_status").GetInt32());
        var delivered = await WaitForDeliveryAsync(owner, webhook, first.Id(), "delivered");

        Assert.Equal(4, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivered.GetProperty("response_status").GetInt32());
        Assert.Equal("answered 200", delivered.GetProperty("response_body").GetString());
        Assert.NotEqual(JsonValueKind.Null, delivered.GetProperty("delivered_at").ValueKind);
        var attempts = await AttemptsAsync(first.Id());
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.NotNull(a.LatencyMs));
        Assert.Equal("answered 500", attempts[0].Excerpt);
        // Four requests, one per attempt, all of the same delivery, each signed afresh.
        Assert.Equal(4, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(first.Id().ToString(), r.DeliveryId));
        Assert.All(receiver.Received, r => Assert.True(r.VerifiesWithSpecScheme(secret)));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_ends_failed_after_the_schedule_and_the_delivery_can_be_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, _, webhook, _, _, _) = await HookedTeamAsync(receiver);
        receiver.Otherwise = 0;

        var first = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");
        Assert.Equal("retrying", first.Str("status"));
        var failed = await WaitForDeliveryAsync(owner, webhook, first.Id(), "failed");
        Assert.Equal(5, failed.GetProperty("attempts").GetInt32());
        var attempts = await AttemptsAsync(first.Id());
        Assert.Equal(5, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("timeout", a.Error));
        Assert.All(attempts, a => Assert.Null(a.Status));
        // The attempt is bounded by WEBHOOK_TIMEOUT_MS (with slack for a busy machine), not by the receiver.
        Assert.All(attempts, a => Assert.InRange(a.LatencyMs!.Value, WebhooksApiFixture.TimeoutMs - 50, WebhooksApiFixture.TimeoutMs * 5));

        receiver.Otherwise = 200;
        var retried = await owner.Client.Call(HttpMethod.Post, $"/v1/webhook-deliveries/{first.Id()}/retry");

        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal("delivered", retried.Str("status"));
        Assert.Equal(1, retried.Body.GetProperty("attempts").GetInt32());
        Assert.Equal(6, (await AttemptsAsync(first.Id())).Count);
        (await owner.Client.Call(HttpMethod.Post, $"/v1/webhook-deliveries/{first.Id()}/retry")).AssertError(HttpStatusCode.Conflict, "DELIVERY_NOT_FAILED");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, _, webhook, _, _, _) = await HookedTeamAsync(receiver);
        receiver.Answer(307);

        var tested = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");

        Assert.Equal("retrying", tested.Str("status"));
        Assert.Equal(307, tested.Body.GetProperty("response_status").GetInt32());
        Assert.Single(receiver.Received);
        await WaitForDeliveryAsync(owner, webhook, tested.Id(), "delivered");
    }

    [Fact]
    public async Task A_4xx_answer_fails_the_delivery_at_once_and_a_410_also_deactivates_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, _, webhook, _, _, _) = await HookedTeamAsync(receiver);
        receiver.Answer(400, 410);

        var rejected = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");
        Assert.Equal("failed", rejected.Str("status"));
        Assert.Equal(1, rejected.Body.GetProperty("attempts").GetInt32());
        var gone = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test");
        Assert.Equal("failed", gone.Str("status"));

        Assert.False((await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{webhook}")).Body.GetProperty("is_active").GetBoolean());
        (await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{webhook}/test")).AssertError(HttpStatusCode.Conflict, "WEBHOOK_INACTIVE");
        Assert.Equal(2, receiver.Received.Count);
    }
}
