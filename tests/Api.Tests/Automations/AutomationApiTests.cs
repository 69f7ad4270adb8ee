using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Assets;
using Framecast.Grains.Automations;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Automations;

/// <summary>Automations over HTTP (spec/automations.md): CRUD and permissions, bad input, the signed hook, asset uploads,
/// skips at a limit and the auto-disable, against the real stack.</summary>
public sealed class AutomationApiTests(AutomationsApiFixture fixture) : IClassFixture<AutomationsApiFixture>
{
    private Framecast.Api.Tests.Jobs.JobsApiFixture Stack => fixture.Jobs;

    private static object TemplatedStoryboard(string title, string prompt, object duration) => new
    {
        title,
        scenes = new object[] { new { id = "s1", prompt, duration } },
        transitions = new Dictionary<string, string> { ["default"] = "fade" },
    };

    private async Task<(TestUser Owner, Guid Team)> TeamAsync(int credits)
    {
        var owner = await Stack.Api.CreatorAsync();
        if (credits > 0)
        {
            await Stack.GrantAsync($"framecast:team:{owner.MyTeamId}", credits);
        }
        return (owner, owner.MyTeamId!.Value);
    }

    private static async Task<Guid> ProjectAsync(TestUser user, Guid team, object? spec)
    {
        var created = await user.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name = "Automated", spec });
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        return created.Id();
    }

    private static async Task<JsonElement> CreateAutomationAsync(TestUser user, Guid project, object body)
    {
        var created = await user.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/automations", body);
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        return created.Body;
    }

    private Task<long> CountAsync(string sql, object args) => Stack.Api.SqlAsync<long>(sql, args);

    private async Task<HttpStatusCode> HookAsync(Guid automation, string body, string? signature)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Stack.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/automations/{automation}/hook")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(HookSignature.Header, signature);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The error envelope, not a bare status.
            Assert.Equal("UNAUTHENTICATED", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        return response.StatusCode;
    }

    [Fact]
    public async Task Automation_crud_follows_the_project_permissions_viewers_read_and_cannot_write()
    {
        var (owner, team) = await TeamAsync(0);
        var viewer = await Stack.Api.CreatorAsync();
        var member = await Stack.Api.CreatorAsync();
        await Stack.Api.JoinAsync(owner, team, viewer, "viewer");
        await Stack.Api.JoinAsync(owner, team, member, "member");
        var outsider = await Stack.Api.CreatorAsync();
        var project = await ProjectAsync(owner, team, Storyboard(1));

        var created = await CreateAutomationAsync(member, project, new
        {
            name = "Nightly",
            trigger = new { type = "schedule", cron = "30 2 * * *", timezone = "Europe/Berlin" },
            variables = new { mood = "calm" },
        });
        var automation = created.GetProperty("automation");
        var id = automation.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, created.GetProperty("secret").ValueKind);
        Assert.True(automation.GetProperty("enabled").GetBoolean());
        Assert.Equal("Europe/Berlin", automation.GetProperty("trigger").GetProperty("timezone").GetString());
        Assert.NotEqual(JsonValueKind.Null, automation.GetProperty("next_run_at").ValueKind);
        var path = $"/v1/projects/{project}/automations/{id}";

        var list = await viewer.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([id], list.Body.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.Call(HttpMethod.Get, path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.Call(HttpMethod.Get, $"{path}/executions")).Status);
        (await viewer.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/automations",
            new { name = "x", trigger = new { type = "webhook" } })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await viewer.Client.Call(HttpMethod.Patch, path, new { name = "y" })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await viewer.Client.Call(HttpMethod.Post, $"{path}/trigger")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await viewer.Client.Call(HttpMethod.Delete, path)).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await outsider.Client.Call(HttpMethod.Get, path)).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        // Another project's id with this automation: not found.
        var other = await ProjectAsync(owner, team, null);
        (await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{other}/automations/{id}")).AssertError(HttpStatusCode.NotFound, "AUTOMATION_NOT_FOUND");

        var updated = await member.Client.Call(HttpMethod.Patch, path, new { name = "Weekly", enabled = false, trigger = new { cron = "0 9 * * 1" } });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Weekly", updated.Str("name"));
        Assert.False(updated.Body.GetProperty("enabled").GetBoolean());
        Assert.Equal("0 9 * * 1", updated.Body.GetProperty("trigger").GetProperty("cron").GetString());
        Assert.Equal(JsonValueKind.Null, updated.Body.GetProperty("next_run_at").ValueKind);
        (await owner.Client.Call(HttpMethod.Post, $"{path}/trigger")).AssertError(HttpStatusCode.Conflict, "AUTOMATION_DISABLED");
        (await owner.Client.Call(HttpMethod.Patch, path, new { trigger = new { type = "webhook" } })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, path)).Status);
        (await owner.Client.Call(HttpMethod.Get, path)).AssertError(HttpStatusCode.NotFound, "AUTOMATION_NOT_FOUND");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automations WHERE project_id = @project", new { project }));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"trigger":{"type":"schedule","cron":"* * * * *"}}""", "name" },
        { """{"name":"n"}""", "trigger" },
        { """{"name":"n","trigger":{"type":"email"}}""", "trigger.type" },
        { """{"name":"n","trigger":{"type":"schedule"}}""", "trigger.cron" },
        { """{"name":"n","trigger":{"type":"schedule","cron":"61 * * * *"}}""", "trigger.cron" },
        { """{"name":"n","trigger":{"type":"schedule","cron":"* * * *"}}""", "trigger.cron" },
        { """{"name":"n","trigger":{"type":"schedule","cron":"* * * * * *"}}""", "trigger.cron" },
        { """{"name":"n","trigger":{"type":"schedule","cron":"* * * * *","timezone":"Mars/Olympus_Mons"}}""", "trigger.timezone" },
        { """{"name":"n","trigger":{"type":"webhook","cron":"* * * * *"}}""", "trigger.cron" },
        { """{"name":"n","trigger":{"type":"webhook"},"variables":{"a":1}}""", "variables.a" },
        { """{"name":"n","trigger":{"type":"webhook"},"variables":[]}""", "variables" },
        { """{"name":"n","trigger":{"type":"webhook"},"variables":{"a":"{{variables.b}}","b":"x"}}""", "variables.a" },
        { """{"name":"n","trigger":{"type":"webhook"},"enabled":"yes"}""", "enabled" },
        // The project's storyboard uses {{variables.mood}} and {{trigger.payload.prompt}}: mood must be declared,
        { """{"name":"n","trigger":{"type":"webhook"}}""", "spec" },
        // and a schedule has no payload.
        { """{"name":"n","trigger":{"type":"schedule","cron":"* * * * *"},"variables":{"mood":"calm"}}""", "spec" },
        { """{"name":"n","trigger":{"type":"asset_upload"},"variables":{"mood":"calm","x":"{{trigger.payload.y}}"}}""", "variables.x" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_automation_bodies_are_400_naming_the_field_and_store_nothing(string body, string field)
    {
        var (owner, team) = await TeamAsync(0);
        var project = await ProjectAsync(owner, team, TemplatedStoryboard("{{variables.mood}}", "{{trigger.payload.prompt}}", 1));
        var reply = await owner.Client.Send(HttpMethod.Post, $"/v1/projects/{project}/automations", body);
        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(field, reply.Body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automations WHERE project_id = @project", new { project }));
    }

    [Fact]
    public async Task An_archived_projects_automations_cannot_be_created_or_changed()
    {
        var (owner, team) = await TeamAsync(0);
        var project = await ProjectAsync(owner, team, Storyboard(1));
        var id = (await CreateAutomationAsync(owner, project, new { name = "Hook", trigger = new { type = "webhook" } }))
            .GetProperty("automation").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/archive")).Status);

        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/automations", new { name = "Another", trigger = new { type = "webhook" } }))
            .AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{project}/automations/{id}", new { name = "Renamed" }))
            .AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM automations WHERE project_id = @project", new { project }));
        Assert.Equal("Hook", await Stack.Api.SqlAsync<string>("SELECT name FROM automations WHERE id = @id", new { id }));
        // Fired anyway (manually), it fails with the reason and starts no job.
        var fired = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/automations/{id}/trigger");
        Assert.Equal(HttpStatusCode.Accepted, fired.Status);
        Assert.Equal("failed", fired.Str("status"));
        Assert.Equal("project_archived", fired.Str("reason"));
    }

    [Fact]
    public async Task A_deleted_projects_automations_go_with_it_and_its_hook_finds_nothing()
    {
        var (owner, team) = await TeamAsync(0);
        var project = await ProjectAsync(owner, team, Storyboard(1));
        var created = await CreateAutomationAsync(owner, project, new { name = "Hook", trigger = new { type = "webhook" } });
        var id = created.GetProperty("automation").GetProperty("id").GetGuid();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/projects/{project}")).Status);

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automations WHERE id = @id", new { id }));
        var body = "{}";
        var signature = HookSignature.HeaderValue(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.NotFound, await HookAsync(id, body, signature));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automation_executions WHERE automation_id = @id", new { id }));
    }

    [Fact]
    public async Task A_signed_hook_renders_the_payload_and_unsigned_wrong_stale_or_replayed_calls_are_401_and_run_nothing()
    {
        var (owner, team) = await TeamAsync(200);
        var project = await ProjectAsync(owner, team, TemplatedStoryboard("{{variables.title}} at {{trigger.time}}", "A {{trigger.payload.scene.subject}} at dusk", "{{trigger.payload.seconds}}"));
        var created = await CreateAutomationAsync(owner, project, new
        {
            name = "From the CMS",
            trigger = new { type = "webhook" },
            variables = new { title = "Daily" },
            options = Fast(),
        });
        var id = created.GetProperty("automation").GetProperty("id").GetGuid();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal($"/v1/automations/{id}/hook", created.GetProperty("automation").GetProperty("hook_url").GetString());
        // The secret is shown once: never again.
        Assert.DoesNotContain(secret, (await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations/{id}")).Body.GetRawText());

        var body = """{"scene":{"subject":"lighthouse"},"seconds":2}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = HookSignature.HeaderValue(secret, now, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, HookSignature.HeaderValue("whsec_wrong", now, Encoding.UTF8.GetBytes(body))));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, "t=abc,v1=def"));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body.Replace("2", "3"), signature));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, HookSignature.HeaderValue(secret, now - 301, Encoding.UTF8.GetBytes(body))));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, HookSignature.HeaderValue(secret, now + 301, Encoding.UTF8.GetBytes(body))));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automation_executions WHERE automation_id = @id", new { id }));

        Assert.Equal(HttpStatusCode.Accepted, await HookAsync(id, body, signature));
        Assert.Equal(HttpStatusCode.Unauthorized, await HookAsync(id, body, signature));

        var executions = await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations/{id}/executions");
        var execution = Assert.Single(executions.Body.GetProperty("data").EnumerateArray());
        Assert.Equal("webhook", execution.GetProperty("trigger_type").GetString());
        Assert.Equal("started", execution.GetProperty("status").GetString());
        var jobId = execution.GetProperty("job_id").GetGuid();
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM jobs WHERE project_id = @project", new { project }));
        var job = await Stack.WaitForJobAsync(owner, jobId, IsTerminal);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var scene = job.GetProperty("spec_snapshot").GetProperty("scenes")[0];
        Assert.Equal("A lighthouse at dusk", scene.GetProperty("prompt").GetString());
        // A whole-string placeholder takes the payload's number.
        Assert.Equal(JsonValueKind.Number, scene.GetProperty("duration").ValueKind);
        Assert.Equal(2, scene.GetProperty("duration").GetDouble());
        Assert.Matches(@"^Daily at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", job.GetProperty("spec_snapshot").GetProperty("title").GetString());
        Assert.Equal(id.ToString(), (await Stack.Api.SqlAsync<Guid>("SELECT automation_id FROM automation_executions WHERE job_id = @jobId", new { jobId })).ToString());
        var listed = (await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations/{id}/executions")).Body.GetProperty("data")[0];
        Assert.Equal("completed", listed.GetProperty("job_status").GetString());

        // A body that is not an object, properly signed: 400, nothing runs.
        var array = "[1,2]";
        var arraySigned = HookSignature.HeaderValue(secret, now, Encoding.UTF8.GetBytes(array));
        Assert.Equal(HttpStatusCode.BadRequest, await HookAsync(id, array, arraySigned));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM automation_executions WHERE automation_id = @id", new { id }));
        // An unknown automation's hook.
        Assert.Equal(HttpStatusCode.NotFound, await HookAsync(Guid.NewGuid(), body, signature));
    }

    [Fact]
    public async Task A_confirmed_team_upload_fires_the_teams_asset_upload_automations_with_the_assets_url()
    {
        var (owner, team) = await TeamAsync(200);
        var project = await ProjectAsync(owner, team, TemplatedStoryboard("{{trigger.asset.url}}", "Cover of {{trigger.asset.filename}}", 1));
        var id = (await CreateAutomationAsync(owner, project, new { name = "On upload", trigger = new { type = "asset_upload" }, options = Fast() }))
            .GetProperty("automation").GetProperty("id").GetGuid();
        // A disabled one of the same team never fires.
        var off = (await CreateAutomationAsync(owner, project, new { name = "Off", enabled = false, trigger = new { type = "asset_upload" }, options = Fast() }))
            .GetProperty("automation").GetProperty("id").GetGuid();
        // A personal upload of the owner is not the team's.
        await owner.ReadyAssetAsync(AssetsHarness.Png, "image/png", "personal.png");

        var asset = await owner.ReadyAssetAsync(AssetsHarness.Png, "image/png", "cover.png", owner: $"framecast:team:{team}");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement execution;
        while (true)
        {
            var list = await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations/{id}/executions");
            // Claimed first (pending), then settled: wait for the outcome.
            if (list.Body.GetProperty("data").GetArrayLength() > 0 && list.Body.GetProperty("data")[0].GetProperty("status").GetString() != "pending")
            {
                execution = Assert.Single(list.Body.GetProperty("data").EnumerateArray());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the upload fired nothing");
            await Task.Delay(100);
        }
        Assert.Equal("asset_upload", execution.GetProperty("trigger_type").GetString());
        Assert.True(execution.GetProperty("status").GetString() == "started", execution.ToString());
        var job = await Stack.WaitForJobAsync(owner, execution.GetProperty("job_id").GetGuid(), IsTerminal);
        var url = job.GetProperty("spec_snapshot").GetProperty("title").GetString()!;
        Assert.Contains(asset.ToString("D"), url);
        Assert.Equal(AssetsHarness.Png, await AssetsHarness.S3.GetByteArrayAsync(url));
        Assert.Equal("Cover of cover.png", job.GetProperty("spec_snapshot").GetProperty("scenes")[0].GetProperty("prompt").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM automation_executions WHERE automation_id = @off", new { off }));
    }

    [Fact]
    public async Task An_execution_short_of_credits_is_skipped_with_the_reason_and_charges_nothing()
    {
        var (owner, team) = await TeamAsync(0);
        var project = await ProjectAsync(owner, team, Storyboard(1));
        var id = (await CreateAutomationAsync(owner, project, new { name = "Broke", trigger = new { type = "webhook" }, options = Fast() }))
            .GetProperty("automation").GetProperty("id").GetGuid();

        var fired = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/automations/{id}/trigger", new { any = "thing" });
        Assert.Equal(HttpStatusCode.Accepted, fired.Status);
        Assert.Equal("skipped", fired.Str("status"));
        Assert.Equal("insufficient_credits", fired.Str("reason"));
        Assert.Equal("manual", fired.Str("trigger_type"));
        Assert.Equal(JsonValueKind.Null, fired.Body.GetProperty("job_id").ValueKind);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM jobs WHERE project_id = @project", new { project }));
        Assert.Equal(0, await Stack.Api.SqlAsync<int>("SELECT credits FROM teams WHERE id = @team", new { team }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM credit_ledger WHERE owner_urn = @urn AND delta < 0", new { urn = $"framecast:team:{team}" }));
        var listed = (await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}/automations/{id}/executions")).Body.GetProperty("data");
        Assert.Equal("skipped", Assert.Single(listed.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ten_failures_in_a_row_disable_the_automation_and_tell_the_teams_subscribed_webhooks()
    {
        var (owner, team) = await TeamAsync(200);
        var project = await ProjectAsync(owner, team, TemplatedStoryboard("t", "{{trigger.payload.prompt}}", 1));
        var subscribed = (await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks",
            new { url = "http://127.0.0.1:9/automations", events = new[] { "automation.disabled" } })).Body.GetProperty("webhook").GetProperty("id").GetGuid();
        var other = (await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/webhooks",
            new { url = "http://127.0.0.1:9/jobs", events = new[] { "job.completed" } })).Body.GetProperty("webhook").GetProperty("id").GetGuid();
        var id = (await CreateAutomationAsync(owner, project, new { name = "Fragile", trigger = new { type = "webhook" }, options = Fast() }))
            .GetProperty("automation").GetProperty("id").GetGuid();
        var path = $"/v1/projects/{project}/automations/{id}";

        for (var i = 1; i <= 10; i++)
        {
            // No prompt in the payload: the execution fails before any job.
            var fired = await owner.Client.Call(HttpMethod.Post, $"{path}/trigger", new { other = i });
            Assert.Equal(HttpStatusCode.Accepted, fired.Status);
            Assert.Equal("failed", fired.Str("status"));
            Assert.Equal("missing_variable", fired.Str("reason"));
            var state = await owner.Client.Call(HttpMethod.Get, path);
            Assert.Equal(i < 10, state.Body.GetProperty("enabled").GetBoolean());
        }
        var disabled = await owner.Client.Call(HttpMethod.Get, path);
        Assert.Contains("10", disabled.Str("disabled_reason"));
        (await owner.Client.Call(HttpMethod.Post, $"{path}/trigger", new { prompt = "x" })).AssertError(HttpStatusCode.Conflict, "AUTOMATION_DISABLED");
        Assert.Equal(10, await CountAsync("SELECT count(*) FROM automation_executions WHERE automation_id = @id", new { id }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM jobs WHERE project_id = @project", new { project }));

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = @subscribed AND event_type = 'automation.disabled'", new { subscribed }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = @other", new { other }));
        var payload = await Stack.Api.SqlAsync<string>("SELECT payload::text FROM webhook_deliveries WHERE webhook_id = @subscribed", new { subscribed });
        using var parsed = JsonDocument.Parse(payload);
        Assert.Equal("automation.disabled", parsed.RootElement.GetProperty("event").GetString());
        Assert.Equal(id, parsed.RootElement.GetProperty("automation").GetProperty("id").GetGuid());

        // Enabled again, its streak starts over: one more failure does not disable it.
        var enabled = await owner.Client.Call(HttpMethod.Patch, path, new { enabled = true });
        Assert.True(enabled.Body.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, enabled.Body.GetProperty("disabled_reason").ValueKind);
        Assert.Equal("failed", (await owner.Client.Call(HttpMethod.Post, $"{path}/trigger", new { other = 11 })).Str("status"));
        Assert.True((await owner.Client.Call(HttpMethod.Get, path)).Body.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Jobs_that_end_failed_count_toward_the_streak_and_the_next_firing_after_the_tenth_is_refused()
    {
        var (owner, team) = await TeamAsync(500);
        var project = await ProjectAsync(owner, team, Storyboard(1));
        var id = (await CreateAutomationAsync(owner, project, new
        {
            name = "Doomed",
            trigger = new { type = "webhook" },
            options = Fast(new { outcome = "fail", failure_type = "system", skip_render = true }),
        })).GetProperty("automation").GetProperty("id").GetGuid();
        var path = $"/v1/projects/{project}/automations/{id}";

        for (var i = 1; i <= 10; i++)
        {
            var fired = await owner.Client.Call(HttpMethod.Post, $"{path}/trigger");
            Assert.True(fired.Status == HttpStatusCode.Accepted, fired.Body.ToString());
            Assert.Equal("started", fired.Str("status"));
            var job = await Stack.WaitForJobAsync(owner, fired.Id("job_id"), IsTerminal);
            Assert.Equal("failed", job.GetProperty("status").GetString());
        }
        // The tenth job's failure is seen at the next firing: it disables the automation and starts nothing.
        (await owner.Client.Call(HttpMethod.Post, $"{path}/trigger")).AssertError(HttpStatusCode.Conflict, "AUTOMATION_DISABLED");
        var disabled = await owner.Client.Call(HttpMethod.Get, path);
        Assert.False(disabled.Body.GetProperty("enabled").GetBoolean());
        Assert.Contains("job_failed", disabled.Str("disabled_reason"));
        Assert.Equal(10, await CountAsync("SELECT count(*) FROM jobs WHERE project_id = @project", new { project }));
        var executions = (await owner.Client.Call(HttpMethod.Get, $"{path}/executions?limit=100")).Body.GetProperty("data");
        Assert.Equal(10, executions.GetArrayLength());
        Assert.All(executions.EnumerateArray(), e => Assert.Equal("failed", e.GetProperty("job_status").GetString()));
    }
}
