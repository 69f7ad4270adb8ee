using System.Net;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Webhooks;

/// <summary>Webhook CRUD, the secret shown only when made, who may call what, and bad input refused with nothing stored —
/// with the default settings, where loopback receivers are not allowed.</summary>
public sealed class WebhookApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Url = "https://hooks.example.com/framecast";

    private readonly ApiFactory _api = api.Relaxed();

    private Task<long> WebhookCountAsync(Guid team) => _api.SqlAsync<long>("SELECT count(*) FROM webhooks WHERE team_id = @team", new { team });

    [Fact]
    public async Task A_webhook_is_created_listed_read_updated_and_deleted_and_its_secret_is_shown_only_by_create_and_rotate()
    {
        var owner = await _api.CreatorAsync();
        var team = owner.MyTeamId!.Value;

        var created = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks",
            new { url = Url, events = new[] { "job.completed", "job.failed", "job.completed" } });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Str("secret");
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.Equal("whsec_" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)), created.Str("standard_webhooks_secret"));
        var webhook = created.Body.GetProperty("webhook");
        var id = webhook.GetProperty("id").GetGuid();
        Assert.Equal(["job.completed", "job.failed"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(webhook.GetProperty("is_active").GetBoolean());
        Assert.Equal(owner.Id, webhook.GetProperty("created_by").GetGuid());
        Assert.Equal(secret, await _api.SqlAsync<string>("SELECT secret FROM webhooks WHERE id = @id", new { id }));

        var got = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.Equal(Url, got.Str("url"));
        Assert.False(got.Body.TryGetProperty("secret", out _));
        var list = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/webhooks");
        var item = Assert.Single(list.Body.EnumerateArray());
        Assert.False(item.TryGetProperty("secret", out _));

        var updated = await owner.Client.Call(HttpMethod.Patch, $"/v1/webhooks/{id}",
            new { url = "https://other.example.com/in", events = new[] { "job.queued" }, is_active = false });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("https://other.example.com/in", updated.Str("url"));
        Assert.Equal(["job.queued"], updated.Body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(updated.Body.GetProperty("is_active").GetBoolean());
        Assert.False(updated.Body.TryGetProperty("secret", out _));
        (await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{id}/test")).AssertError(HttpStatusCode.Conflict, "WEBHOOK_INACTIVE");

        var rotated = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret");
        Assert.NotEqual(secret, rotated.Str("secret"));
        Assert.Equal(rotated.Str("secret"), await _api.SqlAsync<string>("SELECT secret FROM webhooks WHERE id = @id", new { id }));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/webhooks/{id}")).Status);
        (await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}")).AssertError(HttpStatusCode.NotFound, "WEBHOOK_NOT_FOUND");
        Assert.Equal(0, await WebhookCountAsync(team));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"url": "http://hooks.example.com/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "HTTPS://hooks.example.com/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "http://127.0.0.1:9000/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://127.0.0.1/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://localhost/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://10.1.2.3/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://192.168.0.10/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://172.16.5.4/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://100.64.0.1/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://169.254.169.254/latest/meta-data", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://[fd00:ec2::254]/latest", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://[::1]/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://[::ffff:10.0.0.1]/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://[fe80::1]/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "https://user:pw@hooks.example.com/x", "events": ["job.completed"]}""", "url" },
        { """{"url": "not a url", "events": ["job.completed"]}""", "url" },
        { """{"events": ["job.completed"]}""", "url" },
        { "{\"url\": \"https://hooks.example.com/" + new string('a', 2048) + "\", \"events\": [\"job.completed\"]}", "url" },
        { """{"url": "https://hooks.example.com/x", "events": []}""", "events" },
        { """{"url": "https://hooks.example.com/x"}""", "events" },
        { """{"url": "https://hooks.example.com/x", "events": ["job.exploded"]}""", "events" },
        { """{"url": "https://hooks.example.com/x", "events": ["webhook.test"]}""", "events" },
        { """{"url": "https://hooks.example.com/x", "events": "job.completed"}""", "events" },
        { """{"url": "https://hooks.example.com/x", "events": [1]}""", "events" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_webhook_is_refused_with_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var owner = await _api.CreatorAsync();
        var team = owner.MyTeamId!.Value;

        var created = await owner.Client.Send(HttpMethod.Post, $"/v1/teams/{team}/webhooks", body);

        created.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(field, created.Body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(0, await WebhookCountAsync(team));
    }

    [Fact]
    public async Task A_bad_update_is_refused_and_changes_nothing()
    {
        var owner = await _api.CreatorAsync();
        var created = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{owner.MyTeamId}/webhooks", new { url = Url, events = new[] { "job.completed" } });
        var id = created.Body.GetProperty("webhook").GetProperty("id").GetGuid();

        foreach (var body in new object[]
        {
            new { url = "https://169.254.169.254/" }, new { events = Array.Empty<string>() }, new { events = new[] { "job.nope" } },
            new { is_active = "yes" }, new { url = (string?)null },
        })
        {
            (await owner.Client.Call(HttpMethod.Patch, $"/v1/webhooks/{id}", body)).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        var got = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.Equal(Url, got.Str("url"));
        Assert.Equal(["job.completed"], got.Body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(got.Body.GetProperty("is_active").GetBoolean());
    }

    [Fact]
    public async Task Only_owners_and_admins_manage_webhooks_strangers_see_404_and_starters_403()
    {
        var owner = await _api.CreatorAsync();
        var admin = await _api.CreatorAsync();
        var member = await _api.CreatorAsync();
        var viewer = await _api.CreatorAsync();
        var stranger = await _api.CreatorAsync();
        var starter = await _api.StarterAsync();
        var team = await _api.TeamWithAsync(owner, (admin, "admin"), (member, "member"), (viewer, "viewer"));

        var byAdmin = await admin.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks", new { url = Url, events = new[] { "job.completed" } });
        Assert.Equal(HttpStatusCode.Created, byAdmin.Status);
        var id = byAdmin.Body.GetProperty("webhook").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries")).Status);

        foreach (var user in new[] { member, viewer })
        {
            (await user.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/webhooks")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
            (await user.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks", new { url = Url, events = new[] { "job.completed" } }))
                .AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
            (await user.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
            (await user.Client.Call(HttpMethod.Delete, $"/v1/webhooks/{id}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        }
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}")).AssertError(HttpStatusCode.NotFound, "WEBHOOK_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/webhooks")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/webhook-deliveries/{Guid.NewGuid()}/retry")).AssertError(HttpStatusCode.NotFound, "DELIVERY_NOT_FOUND");
        (await starter.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}")).AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");

        // Scopes: webhooks:read reads, only webhooks:write changes.
        var reader = _api.ClientWith(await owner.ApiKeyAsync(new { name = "reader", scopes = new[] { "webhooks:read" } }));
        Assert.Equal(HttpStatusCode.OK, (await reader.Call(HttpMethod.Get, $"/v1/webhooks/{id}")).Status);
        (await reader.Call(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        var jobsKey = _api.ClientWith(await owner.ApiKeyAsync(new { name = "jobs", scopes = new[] { "jobs:read" } }));
        (await jobsKey.Call(HttpMethod.Get, $"/v1/teams/{team}/webhooks")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal(1, await WebhookCountAsync(team));
    }

    [Fact]
    public async Task A_host_that_resolves_to_a_loopback_address_at_send_time_is_not_connected_to()
    {
        await using var receiver = await Framecast.TestingHost.WebhookReceiver.StartAsync();
        var owner = await _api.CreatorAsync();
        var id = Guid.NewGuid();
        // As if its DNS had changed since it was registered: the name now resolves to this machine.
        await _api.ExecAsync("""
            INSERT INTO webhooks (id, team_id, created_by, url, events, secret)
            VALUES (@id, @team, @user, @url, '{job.completed}', repeat('a', 64))
            """, new { id, team = owner.MyTeamId, user = owner.Id, url = receiver.Url.Replace("http://127.0.0.1", "https://localhost") });

        var tested = await owner.Client.Call(HttpMethod.Post, $"/v1/webhooks/{id}/test");

        Assert.Equal(HttpStatusCode.OK, tested.Status);
        Assert.Equal("retrying", tested.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, tested.Body.GetProperty("response_status").ValueKind);
        Assert.Contains("may not reach", await _api.SqlAsync<string>(
            "SELECT error FROM webhook_delivery_attempts WHERE delivery_id = @delivery", new { delivery = tested.Id() }));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Deliveries_are_listed_newest_first_with_filters_and_cursor_pages()
    {
        var owner = await _api.CreatorAsync();
        var created = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{owner.MyTeamId}/webhooks", new { url = Url, events = new[] { "job.completed" } });
        var id = created.Body.GetProperty("webhook").GetProperty("id").GetGuid();
        // Rows as the job events would leave them; the webhook's grain is not involved in listing.
        await _api.ExecAsync("""
            INSERT INTO webhook_deliveries (webhook_id, event_type, status, payload, created_at, delivered_at)
            SELECT @id, CASE WHEN i % 2 = 0 THEN 'job.completed' ELSE 'job.failed' END,
                   CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'delivered' END::webhook_delivery_status, '{}',
                   now() - i * interval '1 minute', now()
            FROM generate_series(1, 7) i
            """, new { id });

        var first = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=3");
        var second = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=3&cursor={first.Str("next_cursor")}");
        var third = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=3&cursor={second.Str("next_cursor")}");

        var all = new[] { first, second, third }.SelectMany(p => p.Body.GetProperty("data").EnumerateArray()).ToList();
        Assert.Equal(7, all.Select(d => d.GetProperty("id").GetGuid()).Distinct().Count());
        Assert.Equal(all.Select(d => d.GetProperty("created_at").GetDateTimeOffset()).OrderDescending(), all.Select(d => d.GetProperty("created_at").GetDateTimeOffset()));
        Assert.False(third.Body.GetProperty("has_more").GetBoolean());
        var failed = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?status=failed&event_type=job.failed");
        Assert.Equal(1, failed.Body.GetProperty("data").GetArrayLength());
        var recent = await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?created_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-2.5).ToString("O"))}");
        Assert.Equal(2, recent.Body.GetProperty("data").GetArrayLength());
        (await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?status=sent")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=0")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?cursor=nope")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
