using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>The job operations over HTTP: their guards, errors and effects on credits.</summary>
public sealed class JobOperationTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    private static readonly object Hang = Fast(new { outcome = "hang", skip_render = true });

    [Fact]
    public async Task Ten_racing_retries_with_one_idempotency_key_get_one_job_created_once_and_charged_once()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var body = JsonSerializer.Serialize(new { spec = Storyboard(3), options = Fast() });

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "order-42");
            using var response = await user.Client.SendAsync(request);
            return (response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }));

        Assert.Single(replies, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, replies.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(replies.Select(r => r.Body.GetProperty("id").GetGuid()).Distinct());
        Assert.Equal(97, await fixture.CreditsAsync(user.Id));

        var other = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(4), idempotency_key = "order-42" });
        other.AssertError(HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task An_invalid_storyboard_is_refused_with_every_error_and_charges_nothing()
    {
        var user = await fixture.CreatorWithCreditsAsync(50);

        var reply = await user.Client.Call(HttpMethod.Post, "/v1/generate",
            new { spec = new { title = "x", scenes = new object[] { new { id = "a", prompt = "p", duration = 99 }, new { id = "a", prompt = "", duration = 1 } } } });

        reply.AssertError((HttpStatusCode)422, "SPEC_INVALID");
        var errors = reply.Body.GetProperty("error").GetProperty("details").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("scenes[0].duration", errors);
        Assert.True(errors.Count >= 2, string.Join(", ", errors));
        Assert.Equal(50, await fixture.CreditsAsync(user.Id));
        Assert.Equal(0, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM jobs WHERE triggered_by = @Id", new { user.Id }));
    }

    [Fact]
    public async Task An_oversized_storyboard_is_refused_and_charges_nothing()
    {
        var user = await fixture.CreatorWithCreditsAsync(50);
        var huge = new { title = new string('x', 200_000), scenes = new[] { new { id = "a", prompt = "p", duration = 1 } } };

        var reply = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = huge });

        Assert.True((int)reply.Status is 413 or 422, $"got {(int)reply.Status}");
        Assert.Equal(50, await fixture.CreditsAsync(user.Id));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"spec\": \"a string\"}")]
    [InlineData("{\"spec\": {\"title\": \"t\", \"scenes\": []}, \"owner\": \"framecast:nobody\"}")]
    [InlineData("{\"spec\": {\"title\": \"t\", \"scenes\": []}, \"options\": 7}")]
    public async Task Malformed_create_requests_answer_400_and_change_nothing(string json)
    {
        var user = await fixture.CreatorWithCreditsAsync(10);

        var reply = await user.Client.Send(HttpMethod.Post, "/v1/generate", json);

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(10, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task Short_of_credits_answers_402_and_a_starters_second_active_job_429()
    {
        var poor = await fixture.CreatorWithCreditsAsync(1);
        (await poor.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(5) })).AssertError(HttpStatusCode.PaymentRequired, "INSUFFICIENT_CREDITS");

        var starter = await fixture.Api.StarterAsync();
        await fixture.GrantAsync(starter.Urn, 100);
        var first = await starter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });
        Assert.Equal(HttpStatusCode.Created, first.Status);
        (await starter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang })).AssertError(HttpStatusCode.TooManyRequests, "CONCURRENT_JOB_LIMIT");
        var creator = await fixture.Api.CreatorAsync();
        (await starter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), owner = creator.Urn })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        Assert.Equal(HttpStatusCode.OK, (await starter.Client.Call(HttpMethod.Post, $"/v1/jobs/{first.Id()}/cancel")).Status);
    }

    [Fact]
    public async Task Cancel_refunds_ninety_percent_while_queued_or_early_and_a_second_cancel_answers_409()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(10), options = Hang });
        var charged = created.Body.GetProperty("credits_charged").GetInt32();

        var canceled = await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{created.Id()}/cancel");

        Assert.Equal(HttpStatusCode.OK, canceled.Status);
        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal("canceled", canceled.Str("failure_type"));
        var refunded = canceled.Body.GetProperty("credits_refunded").GetInt32();
        var percent = canceled.Body.GetProperty("progress").TryGetProperty("percent", out var p) ? p.GetDecimal() : 0m;
        Assert.Equal((int)Math.Floor(charged * (100 - percent) * 9 / 1000m), refunded);
        Assert.Equal(100 - charged + refunded, await fixture.CreditsAsync(user.Id));
        (await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{created.Id()}/cancel")).AssertError(HttpStatusCode.Conflict, "JOB_NOT_CANCELABLE");
        var events = await ReadEventsAsync(user.Client, created.Id());
        Assert.Equal("canceled", events[^1].Event);
        Assert.Equal(user.Id, events[^1].Data.GetProperty("canceled_by").GetGuid());
    }

    [Fact]
    public async Task A_job_the_worker_fails_for_a_system_reason_is_refunded_in_full()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate",
            new { spec = Storyboard(2, 2), options = Fast(new { outcome = "fail", failure_type = "system", skip_render = true }) });

        var job = await fixture.WaitForJobAsync(user, created.Id(), IsTerminal);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("system", job.GetProperty("failure_type").GetString());
        Assert.Equal(job.GetProperty("credits_charged").GetInt32(), job.GetProperty("credits_refunded").GetInt32());
        Assert.Equal("generation_failed", job.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(100, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task Only_finished_ephemeral_jobs_can_be_deleted_and_then_they_are_gone()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });

        (await user.Client.Call(HttpMethod.Delete, $"/v1/jobs/{created.Id()}")).AssertError(HttpStatusCode.Conflict, "JOB_NOT_DELETABLE");
        await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{created.Id()}/cancel");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.Call(HttpMethod.Delete, $"/v1/jobs/{created.Id()}")).Status);

        (await user.Client.Call(HttpMethod.Get, $"/v1/jobs/{created.Id()}")).AssertError(HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        Assert.Equal(0, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM job_events WHERE job_id = @id", new { id = created.Id() }));
    }

    [Fact]
    public async Task Clone_creates_a_new_job_from_the_same_storyboard_and_charges_again()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var source = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2, 2), options = Fast() });
        await fixture.WaitForJobAsync(user, source.Id(), IsTerminal);

        var clone = await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{source.Id()}/clone");

        Assert.Equal(HttpStatusCode.Created, clone.Status);
        Assert.NotEqual(source.Id(), clone.Id());
        Assert.Equal(source.Body.GetProperty("spec_snapshot").GetRawText(), clone.Body.GetProperty("spec_snapshot").GetRawText());
        Assert.Equal(92, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task Other_users_cannot_see_or_touch_a_job_and_get_404()
    {
        var owner = await fixture.CreatorWithCreditsAsync(100);
        var stranger = await fixture.CreatorWithCreditsAsync(100);
        var created = await owner.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });
        var id = created.Id();

        (await stranger.Client.Call(HttpMethod.Get, $"/v1/jobs/{id}")).AssertError(HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/jobs/{id}/cancel")).AssertError(HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/jobs/{id}/clone")).AssertError(HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/jobs/{id}/events")).AssertError(HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        Assert.Equal(0, (await stranger.Client.Call(HttpMethod.Get, "/v1/jobs")).Body.GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/jobs/{id}/cancel")).Status);
    }

    [Fact]
    public async Task Team_jobs_follow_the_role_matrix_members_cancel_their_own_viewers_cannot_create()
    {
        var owner = await fixture.Api.CreatorAsync();
        var member = await fixture.Api.CreatorAsync();
        var viewer = await fixture.Api.CreatorAsync();
        var team = await fixture.Api.TeamWithAsync(owner, (member, "member"), (viewer, "viewer"));
        await fixture.GrantAsync($"framecast:team:{team}", 100);
        var teamUrn = $"framecast:team:{team}";

        (await viewer.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), owner = teamUrn })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        var byOwner = await owner.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), owner = teamUrn, options = Hang });
        Assert.Equal(HttpStatusCode.Created, byOwner.Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.Call(HttpMethod.Get, $"/v1/jobs/{byOwner.Id()}")).Status);
        (await member.Client.Call(HttpMethod.Post, $"/v1/jobs/{byOwner.Id()}/cancel")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await viewer.Client.Call(HttpMethod.Post, $"/v1/jobs/{byOwner.Id()}/clone")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        var byMember = await member.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), owner = teamUrn, options = Hang });
        Assert.Equal(HttpStatusCode.OK, (await member.Client.Call(HttpMethod.Post, $"/v1/jobs/{byMember.Id()}/cancel")).Status);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/jobs/{byOwner.Id()}/cancel")).Status);
    }

    [Fact]
    public async Task Listing_pages_newest_first_with_a_cursor_and_filters()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() })).Id());
        }

        var first = await user.Client.Call(HttpMethod.Get, "/v1/jobs?limit=2");
        var second = await user.Client.Call(HttpMethod.Get, $"/v1/jobs?limit=2&cursor={first.Str("next_cursor")}");

        Assert.True(first.Body.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[2], ids[1]], first.Body.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal([ids[0]], second.Body.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
        Assert.False(second.Body.GetProperty("has_more").GetBoolean());
        (await user.Client.Call(HttpMethod.Get, "/v1/jobs?limit=0")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Get, "/v1/jobs?status=running")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Get, "/v1/jobs?cursor=garbage")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var canceledOnly = await user.Client.Call(HttpMethod.Get, "/v1/jobs?status=canceled");
        Assert.Equal(0, canceledOnly.Body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Validate_reports_paths_and_estimate_prices_seven_seconds_at_seven_credits()
    {
        var user = await fixture.Api.StarterAsync();

        var invalid = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", new { title = "t", scenes = new[] { new { id = "a", prompt = "p", duration = 0 } } });
        var estimate = await user.Client.Call(HttpMethod.Post, "/v1/spec/estimate", Storyboard(2, 3, 2));

        Assert.Equal(HttpStatusCode.OK, invalid.Status);
        Assert.False(invalid.Body.GetProperty("valid").GetBoolean());
        Assert.Equal("scenes[0].duration", invalid.Body.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.OK, estimate.Status);
        Assert.Equal(7, estimate.Body.GetProperty("estimated_credits").GetInt32());
        Assert.Equal(7, estimate.Body.GetProperty("estimated_duration_seconds").GetDecimal());
    }

    [Fact]
    public async Task Event_streams_refuse_a_foreign_last_event_id_and_answer_410_for_a_lost_position()
    {
        var user = await fixture.CreatorWithCreditsAsync(10);
        var id = (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() })).Id();
        await fixture.WaitForJobAsync(user, id, IsTerminal);

        async Task<Reply> Stream(string lastEventId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}/events");
            request.Headers.Add("Last-Event-ID", lastEventId);
            using var response = await user.Client.SendAsync(request);
            return new Reply(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
        }

        (await Stream($"{Guid.NewGuid()}:1")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Stream("nonsense")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Stream($"{id}:9999")).AssertError(HttpStatusCode.Gone, "EVENTS_EXPIRED");
    }

    [Fact]
    public async Task Resuming_a_finished_jobs_stream_after_its_terminal_event_closes_at_once_with_204()
    {
        var user = await fixture.CreatorWithCreditsAsync(10);
        var id = (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Fast() })).Id();
        await fixture.WaitForJobAsync(user, id, IsTerminal);
        var terminal = (await ReadEventsAsync(user.Client, id))[^1];

        // Well inside the 15 s keep-alive: a stream left open would not answer in time.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}/events");
        request.Headers.Add("Last-Event-ID", terminal.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var response = await user.Client.SendAsync(request, timeout.Token);

        Assert.Equal("completed", terminal.Event);
        // 204 is what tells an EventSource to stop reconnecting.
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(timeout.Token));
    }

    [Fact]
    public async Task Estimate_refuses_an_owner_the_caller_may_not_use_as_generate_does()
    {
        var starter = await fixture.Api.StarterAsync();
        var creator = await fixture.Api.CreatorAsync();
        var foreignTeam = $"framecast:team:{creator.MyTeamId}";

        foreach (var owner in new[] { foreignTeam, creator.Urn })
        {
            var estimate = await starter.Client.Call(HttpMethod.Post, $"/v1/spec/estimate?owner={Uri.EscapeDataString(owner)}", Storyboard(2));
            var generate = await starter.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2), owner });

            generate.AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
            estimate.AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
            Assert.Equal(generate.Body.GetProperty("error").GetProperty("details").GetRawText(),
                estimate.Body.GetProperty("error").GetProperty("details").GetRawText());
        }
        (await starter.Client.Call(HttpMethod.Post, "/v1/spec/estimate?owner=nonsense", Storyboard(2))).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Estimate_warns_when_the_owners_balance_is_below_the_estimate()
    {
        var creator = await fixture.Api.CreatorAsync();
        await fixture.GrantAsync($"framecast:team:{creator.MyTeamId}", 50);

        var personal = await creator.Client.Call(HttpMethod.Post, "/v1/spec/estimate", Storyboard(2, 3));
        var team = await creator.Client.Call(HttpMethod.Post, $"/v1/spec/estimate?owner=framecast:team:{creator.MyTeamId}", Storyboard(2, 3));

        Assert.Equal(HttpStatusCode.OK, personal.Status);
        Assert.Equal(5, personal.Body.GetProperty("estimated_credits").GetInt32());
        Assert.Contains("0 credits", Assert.Single(personal.Body.GetProperty("warnings").EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, team.Status);
        Assert.Empty(team.Body.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task A_team_keys_generate_without_an_owner_charges_its_team()
    {
        var creator = await fixture.Api.CreatorAsync();
        var team = $"framecast:team:{creator.MyTeamId}";
        await fixture.GrantAsync(team, 50);
        using var key = fixture.Api.ClientWith(await creator.ApiKeyAsync(new { owner = team }));

        var generated = await key.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2), options = Fast() });
        var estimate = await key.Call(HttpMethod.Post, "/v1/spec/estimate", Storyboard(2));

        Assert.Equal(HttpStatusCode.Created, generated.Status);
        Assert.Equal(team, generated.Str("owner"));
        Assert.Equal(48, await fixture.Api.SqlAsync<int>("SELECT credits FROM teams WHERE id = @team", new { team = creator.MyTeamId }));
        Assert.Equal(0, await fixture.CreditsAsync(creator.Id));
        // The key's owner is the estimate's default too: the team's balance covers it, so no warning.
        Assert.Equal(HttpStatusCode.OK, estimate.Status);
        Assert.Empty(estimate.Body.GetProperty("warnings").EnumerateArray());
        (await key.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2), owner = creator.Urn })).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
    }

    [Fact]
    public async Task An_account_with_a_running_job_cannot_be_deleted_and_one_with_finished_jobs_can()
    {
        var user = await fixture.CreatorWithCreditsAsync(20);
        var running = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });

        (await user.Client.Call(HttpMethod.Delete, "/v1/account")).AssertError(HttpStatusCode.Conflict, "ACTIVE_JOBS_EXIST");
        await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{running.Id()}/cancel");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.Call(HttpMethod.Delete, "/v1/account")).Status);

        // The job stays for billing audit, with the id of the user who started it.
        Assert.Equal(user.Id, await fixture.Api.SqlAsync<Guid>("SELECT triggered_by FROM jobs WHERE id = @id", new { id = running.Id() }));
    }

    [Fact]
    public async Task Rendering_the_welcome_project_bills_the_team_locks_the_project_and_completes_it()
    {
        var owner = await fixture.Api.CreatorAsync();
        var viewer = await fixture.Api.CreatorAsync();
        await fixture.Api.JoinAsync(owner, owner.MyTeamId!.Value, viewer, "viewer");
        var stranger = await fixture.Api.CreatorAsync();
        await fixture.GrantAsync($"framecast:team:{owner.MyTeamId}", 100);
        var project = await fixture.Api.SqlAsync<Guid>("SELECT id FROM projects WHERE team_id = @team", new { team = owner.MyTeamId });

        (await viewer.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render")).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        var render = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render", new { options = Fast() });

        Assert.Equal(HttpStatusCode.Created, render.Status);
        Assert.Equal($"framecast:team:{owner.MyTeamId}", render.Str("owner"));
        Assert.Equal(project, render.Body.GetProperty("project_id").GetGuid());
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        var job = await fixture.WaitForJobAsync(owner, render.Id(), IsTerminal);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("completed", await fixture.Api.SqlAsync<string>("SELECT status::text FROM projects WHERE id = @project", new { project }));
        Assert.Equal(100 - job.GetProperty("credits_charged").GetInt32(),
            await fixture.Api.SqlAsync<int>("SELECT credits FROM teams WHERE id = @team", new { team = owner.MyTeamId }));
        (await owner.Client.Call(HttpMethod.Delete, $"/v1/jobs/{render.Id()}")).AssertError(HttpStatusCode.Conflict, "JOB_NOT_DELETABLE");
    }

    [Fact]
    public async Task Operators_see_each_silo_with_the_jobs_it_drives_and_nobody_else_does()
    {
        var user = await fixture.CreatorWithCreditsAsync(20);
        var job = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });
        await fixture.WaitForJobAsync(user, job.Id(), j => j.GetProperty("status").GetString() == "processing");
        using var admin = fixture.Api.ClientWith(Framecast.Api.Auth.AuthOptions.LocalAdminToken);

        var cluster = await admin.Call(HttpMethod.Get, "/v1/admin/silos");

        Assert.Equal(HttpStatusCode.OK, cluster.Status);
        var self = cluster.Body.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("address").GetString() == cluster.Body.GetProperty("this_silo").GetString());
        Assert.Equal("active", self.GetProperty("status").GetString());
        Assert.True(self.GetProperty("reachable").GetBoolean());
        Assert.Equal(Environment.ProcessId, self.GetProperty("process_id").GetInt32());
        Assert.True(self.GetProperty("driven_jobs").GetInt32() >= 1);
        Assert.True(self.GetProperty("activations_by_type").GetProperty("Framecast.Grains.Jobs.JobGrain").GetInt32() >= 1);
        (await user.Client.Call(HttpMethod.Get, "/v1/admin/silos")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{job.Id()}/cancel");
    }

    [Fact]
    public async Task The_orleans_dashboard_asks_for_the_admin_token_and_then_shows_this_silo()
    {
        using var anonymous = fixture.Api.CreateClient();
        using var wrong = fixture.Api.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = Basic("not-the-token");
        using var admin = fixture.Api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = Basic(Framecast.Api.Auth.AuthOptions.LocalAdminToken);

        using var challenged = await anonymous.GetAsync("/dashboard/index.html");
        using var refused = await wrong.GetAsync("/dashboard/DashboardCounters");
        using var page = await admin.GetAsync("/dashboard/index.html");
        // The dashboard samples the cluster once a second: the first answers after a start may still be empty.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var counters = await admin.GetAsync("/dashboard/DashboardCounters");
        while (counters.IsSuccessStatusCode && DateTime.UtcNow < deadline &&
               JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement.GetProperty("totalActiveHostCount").GetInt32() == 0)
        {
            counters.Dispose();
            await Task.Delay(250);
            counters = await admin.GetAsync("/dashboard/DashboardCounters");
        }
        using var sampled = counters;

        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.StartsWith("Basic", challenged.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        using var body = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("totalActiveHostCount").GetInt32() >= 1, body.RootElement.ToString());
    }

    private static System.Net.Http.Headers.AuthenticationHeaderValue Basic(string token) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"operator:{token}")));

    [Fact]
    public async Task A_quiet_event_stream_sends_keep_alive_comments()
    {
        var user = await fixture.CreatorWithCreditsAsync(20);
        var job = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(1), options = Hang });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{job.Id()}/events");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await user.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var comments = 0;
        while (comments < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            comments += line == ": keep-alive" ? 1 : 0;
        }

        Assert.Equal(2, comments);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{job.Id()}/cancel");
    }

    [Fact]
    public async Task Credits_granted_after_a_refusal_can_be_spent_at_once()
    {
        var user = await fixture.CreatorWithCreditsAsync(1);
        (await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(5), options = Fast() })).AssertError(HttpStatusCode.PaymentRequired, "INSUFFICIENT_CREDITS");

        await fixture.GrantAsync(user.Urn, 10);
        var retried = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(5), options = Fast() });

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(6, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task The_account_shows_a_debit_and_a_refund_the_moment_they_commit()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        Assert.Equal(100, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("credits").GetInt32());

        var job = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(10), options = Hang });
        Assert.Equal(90, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("credits").GetInt32());

        await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{job.Id()}/cancel");
        Assert.Equal(99, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("credits").GetInt32());
    }

    [Fact]
    public async Task The_worker_callback_refuses_a_wrong_token()
    {
        using var anonymous = fixture.Api.CreateClient();

        var reply = await anonymous.Call(HttpMethod.Post, $"/v1/internal/worker-callback/{Guid.NewGuid()}?token={new string('0', 64)}", new { });

        reply.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
