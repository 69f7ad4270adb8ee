using System.Net;
using System.Text.Json;
using System.Diagnostics;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Assets;
using Framecast.Api.Tests.Jobs;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Projects;

/// <summary>Projects over HTTP (spec 04 §6, §5.4): the state machine, renders, the permission matrix and bad input.</summary>
public sealed class ProjectTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    private static readonly object Hang = Fast(new { outcome = "hang", skip_render = true });

    private async Task<(TestUser Owner, Guid Team)> TeamWithCreditsAsync(int credits = 100)
    {
        var owner = await fixture.Api.CreatorAsync();
        await fixture.GrantAsync($"framecast:team:{owner.MyTeamId}", credits);
        return (owner, owner.MyTeamId!.Value);
    }

    private static async Task<Guid> CreateAsync(TestUser user, Guid team, object? spec = null, string name = "Launch film")
    {
        var created = await user.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name, spec });
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        return created.Id();
    }

    private async Task<JsonElement> WaitForProjectAsync(TestUser user, Guid project, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var got = await user.Client.Call(HttpMethod.Get, $"/v1/projects/{project}");
            Assert.Equal(HttpStatusCode.OK, got.Status);
            if (got.Str("status") == status)
            {
                return got.Body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"project {project} never became {status}: {got.Body}");
            await Task.Delay(100);
        }
    }

    private Task<long> ProjectCountAsync(Guid team) =>
        fixture.Api.SqlAsync<long>("SELECT count(*) FROM projects WHERE team_id = @team", new { team });

    [Fact]
    public async Task A_project_is_created_as_a_draft_edited_archived_and_unarchived_as_the_state_machine_says()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var created = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name = "Spring campaign" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("draft", created.Str("status"));
        Assert.Equal(JsonValueKind.Null, created.Body.GetProperty("spec").ValueKind);
        Assert.Equal(owner.Id, created.Body.GetProperty("created_by").GetGuid());
        var id = created.Id();

        var renamed = await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{id}", new { name = "Spring campaign v2" });
        Assert.Equal("Spring campaign v2", renamed.Str("name"));
        // The storyboard is stored as given, not validated (spec 04 §6.5): an unknown field is fine here.
        var replaced = await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{id}/spec", """{"title":"Draft","scenes":[],"later":true}""");
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.True(replaced.Body.GetProperty("spec").GetProperty("later").GetBoolean());

        var archived = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/archive");
        Assert.Equal("archived", archived.Str("status"));
        (await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{id}/spec", """{"title":"x"}""")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/render")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/archive")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        // Archived projects may still be renamed.
        Assert.Equal("Archived name", (await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{id}", new { name = "Archived name" })).Str("name"));

        var list = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects");
        Assert.DoesNotContain(list.Body.GetProperty("data").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        var withArchived = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?include_archived=true");
        var item = Assert.Single(withArchived.Body.GetProperty("data").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.False(item.TryGetProperty("spec", out _));
        var onlyArchived = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?status=archived");
        Assert.Equal([id], onlyArchived.Body.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        var unarchived = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/unarchive");
        Assert.Equal("draft", unarchived.Str("status"));
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/unarchive")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        Assert.Equal("draft", await fixture.Api.SqlAsync<string>("SELECT status::text FROM projects WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_project_renders_twice_in_a_row_the_second_only_after_the_first_ends_and_its_status_follows_each_job()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var project = await CreateAsync(owner, team, Storyboard(1, 1));
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render")).Status);

        var first = await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}");
        Assert.Equal("rendering", first.Str("status"));
        var firstJob = first.Body.GetProperty("latest_job").GetProperty("id").GetGuid();
        // While it renders: no second render, no edit, no archive, no delete.
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{project}", new { name = "x" })).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/archive")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
        (await owner.Client.Call(HttpMethod.Delete, $"/v1/projects/{project}")).AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");

        var completed = await WaitForProjectAsync(owner, project, "completed");
        Assert.Equal("completed", completed.GetProperty("latest_job").GetProperty("status").GetString());
        // A completed project's storyboard can change and it stays completed (spec 04 §6.5).
        var edited = await owner.Client.Call(HttpMethod.Put, $"/v1/projects/{project}/spec", Storyboard(1));
        Assert.Equal("completed", edited.Str("status"));

        var second = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render", new { options = Fast(new { outcome = "fail", failure_type = "system", skip_render = true }) });
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.NotEqual(firstJob, second.Id());
        Assert.Equal(1, second.Body.GetProperty("spec_snapshot").GetProperty("scenes").GetArrayLength());
        // A failed render sends the project back to draft.
        var failed = await WaitForProjectAsync(owner, project, "draft");
        Assert.Equal(second.Id(), failed.GetProperty("latest_job").GetProperty("id").GetGuid());
        Assert.Equal("failed", failed.GetProperty("latest_job").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Canceling_a_projects_job_returns_the_project_to_draft_and_then_it_can_be_deleted_leaving_its_jobs_detached()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var project = await CreateAsync(owner, team, Storyboard(2));
        var render = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render", new { options = Hang });
        Assert.Equal(HttpStatusCode.Created, render.Status);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/jobs/{render.Id()}/cancel")).Status);
        await WaitForProjectAsync(owner, project, "draft");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/projects/{project}")).Status);

        (await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{project}")).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        Assert.Equal(0L, await fixture.Api.SqlAsync<long>("SELECT count(*) FROM projects WHERE id = @project", new { project }));
        Assert.True(await fixture.Api.SqlAsync<bool>("SELECT project_id IS NULL FROM jobs WHERE id = @id", new { id = render.Id() }));
    }

    [Fact]
    public async Task A_project_storyboard_with_an_uploaded_wav_as_music_renders_an_mp4_whose_audio_track_ffprobe_sees()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var project = await CreateAsync(owner, team);
        var created = await owner.Client.UploadUrlAsync("theme.wav", "audio/wav", AssetsHarness.Wav.Length, projectId: project);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"framecast:team:{team}", created.Body.GetProperty("asset").GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, await AssetsHarness.PutAsync(created.Str("upload_url"), AssetsHarness.Wav, "audio/wav"));
        var asset = created.Body.GetProperty("asset").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/assets/{asset}/confirm")).Status);
        var spec = new
        {
            title = "With music",
            global_audio = new { music = new { asset_id = asset.ToString(), volume = 0.8 } },
            scenes = new[] { new { id = "a", prompt = "Opening", duration = 1 }, new { id = "b", prompt = "Closing", duration = 1 } },
        };
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Put, $"/v1/projects/{project}/spec", spec)).Status);

        var render = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render");
        Assert.Equal(HttpStatusCode.Created, render.Status);
        var job = await fixture.WaitForJobAsync(owner, render.Id(), IsTerminal);
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());

        var video = Path.Combine(Path.GetTempPath(), $"framecast-project-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(video, await AssetsHarness.S3.GetByteArrayAsync(job.GetProperty("output").GetProperty("video_url").GetString()));
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("ffprobe", $"-v error -show_entries stream=codec_type -of csv=p=0 \"{video}\"") { RedirectStandardOutput = true })!;
            var streams = (await probe.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await probe.WaitForExitAsync();
            Assert.Contains("audio", streams);
            Assert.Contains("video", streams);
        }
        finally
        {
            File.Delete(video);
        }
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_assets_objects_and_storage_with_it()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var project = await CreateAsync(owner, team);
        var created = await owner.Client.UploadUrlAsync("cover.png", "image/png", AssetsHarness.Png.Length, projectId: project);
        await AssetsHarness.PutAsync(created.Str("upload_url"), AssetsHarness.Png, "image/png");
        var asset = created.Body.GetProperty("asset").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/assets/{asset}/confirm")).Status);
        var download = (await owner.Client.Call(HttpMethod.Get, $"/v1/assets/{asset}")).Str("download_url");
        Assert.Equal((long)AssetsHarness.Png.Length, await fixture.Api.SqlAsync<long>("SELECT ephemeral_storage_bytes FROM teams WHERE id = @team", new { team }));
        Assert.Equal((long)AssetsHarness.Png.Length, (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}")).Body.GetProperty("ephemeral_storage_bytes").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.Call(HttpMethod.Delete, $"/v1/projects/{project}")).Status);

        (await owner.Client.Call(HttpMethod.Get, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.Equal(0L, await fixture.Api.SqlAsync<long>("SELECT ephemeral_storage_bytes FROM teams WHERE id = @team", new { team }));
        Assert.Equal(0L, (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}")).Body.GetProperty("ephemeral_storage_bytes").GetInt64());
        using var gone = await AssetsHarness.S3.GetAsync(download);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_welcome_project_an_upgrade_creates_is_listed_readable_and_renders()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var list = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects");
        var welcome = Assert.Single(list.Body.GetProperty("data").EnumerateArray());
        Assert.Equal("Welcome to Framecast", welcome.GetProperty("name").GetString());
        var id = welcome.GetProperty("id").GetGuid();

        var got = await owner.Client.Call(HttpMethod.Get, $"/v1/projects/{id}");
        Assert.Equal(JsonValueKind.Object, got.Body.GetProperty("spec").ValueKind);
        Assert.Equal(JsonValueKind.Null, got.Body.GetProperty("latest_job").ValueKind);
        var render = await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{id}/render", new { options = Fast() });
        Assert.Equal(HttpStatusCode.Created, render.Status);
        await WaitForProjectAsync(owner, id, "completed");
    }

    [Fact]
    public async Task A_team_list_pages_by_cursor_most_recently_updated_first()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(owner, team, name: $"P{i}"));
        }
        // Touching the oldest makes it the most recent.
        await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{ids[0]}", new { name = "P0 again" });

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
            cursor = page.Body.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        // Five created here plus the welcome project, each once.
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(ids[0], seen[0]);
        Assert.Equal([ids[4], ids[3], ids[2], ids[1]], seen.Skip(1).Take(4));
    }

    [Fact]
    public async Task Every_project_cell_of_the_permission_matrix_holds_and_other_teams_see_nothing()
    {
        var (owner, team) = await TeamWithCreditsAsync(1000);
        var admin = await fixture.Api.CreatorAsync();
        var member = await fixture.Api.CreatorAsync();
        var viewer = await fixture.Api.CreatorAsync();
        await fixture.Api.JoinAsync(owner, team, admin, "admin");
        await fixture.Api.JoinAsync(owner, team, member, "member");
        await fixture.Api.JoinAsync(owner, team, viewer, "viewer");
        var stranger = await fixture.Api.CreatorAsync();
        var starter = await fixture.Api.StarterAsync();

        foreach (var (user, role) in new[] { (owner, "owner"), (admin, "admin"), (member, "member"), (viewer, "viewer") })
        {
            var writes = role != "viewer";
            var manages = role is "owner" or "admin";
            var probe = await CreateAsync(owner, team, Storyboard(1), name: $"probe for {role}");

            Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects")).Status);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Get, $"/v1/projects/{probe}")).Status);
            Expect(await user.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name = role }), writes, HttpStatusCode.Created);
            Expect(await user.Client.Call(HttpMethod.Patch, $"/v1/projects/{probe}", new { name = "renamed" }), writes, HttpStatusCode.OK);
            Expect(await user.Client.Call(HttpMethod.Put, $"/v1/projects/{probe}/spec", Storyboard(1)), writes, HttpStatusCode.OK);
            Expect(await user.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/archive"), manages, HttpStatusCode.OK);
            if (manages)
            {
                Expect(await user.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/unarchive"), true, HttpStatusCode.OK);
            }
            else
            {
                await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/archive");
                Expect(await user.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/unarchive"), false, HttpStatusCode.OK);
                await owner.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/unarchive");
            }
            var render = await user.Client.Call(HttpMethod.Post, $"/v1/projects/{probe}/render", new { options = Fast() });
            Expect(render, writes, HttpStatusCode.Created);
            if (writes)
            {
                await WaitForProjectAsync(owner, probe, "completed");
            }
            Expect(await user.Client.Call(HttpMethod.Delete, $"/v1/projects/{probe}"), manages, HttpStatusCode.NoContent);
        }

        var secret = await CreateAsync(owner, team, name: "private to the team");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/projects/{secret}")).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Patch, $"/v1/projects/{secret}", new { name = "mine" })).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Delete, $"/v1/projects/{secret}")).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/projects/{secret}/render")).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects")).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name = "intruder" })).AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        (await starter.Client.Call(HttpMethod.Get, $"/v1/projects/{secret}")).AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");
        (await fixture.Api.ClientWith(null).Call(HttpMethod.Get, $"/v1/projects/{secret}")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        // An API key with projects:read reads and cannot write.
        using var reader = fixture.Api.ClientWith(await owner.ApiKeyAsync(new { scopes = new[] { "projects:read" } }));
        Assert.Equal(HttpStatusCode.OK, (await reader.Call(HttpMethod.Get, $"/v1/projects/{secret}")).Status);
        (await reader.Call(HttpMethod.Patch, $"/v1/projects/{secret}", new { name = "by key" })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await reader.Call(HttpMethod.Post, $"/v1/teams/{team}/projects", new { name = "by key" })).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        using var generator = fixture.Api.ClientWith(await owner.ApiKeyAsync(new { scopes = new[] { "generate" } }));
        (await generator.Call(HttpMethod.Get, $"/v1/projects/{secret}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    private static void Expect(Reply reply, bool allowed, HttpStatusCode success)
    {
        if (allowed)
        {
            Assert.True(reply.Status == success, $"expected {(int)success}: {(int)reply.Status} {reply.Body}");
        }
        else
        {
            reply.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        }
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{"name":42}""")]
    [InlineData("""{"name":"a\u0000b"}""")]
    [InlineData("""{"name":"bell\u0007"}""")]
    [InlineData("""{"name":"half \ud800 a pair"}""")]
    [InlineData("""{"name":"ok","spec":"not an object"}""")]
    [InlineData("""{"name":"ok","spec":[1,2]}""")]
    [InlineData("""{"name":"ok","spec":{"title":"nul \u0000 inside"}}""")]
    [InlineData("""{"name":"ok","spec":{"\ud800":"lone surrogate as a key"}}""")]
    [InlineData("""{"name":"ok","spec":{"title":"x"}""")]
    [InlineData("""[1]""")]
    public async Task Bad_create_bodies_are_refused_with_400_and_store_nothing(string body)
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var before = await ProjectCountAsync(team);

        var reply = await owner.Client.Send(HttpMethod.Post, $"/v1/teams/{team}/projects", body);

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(before, await ProjectCountAsync(team));
    }

    [Fact]
    public async Task Bad_edits_and_queries_are_refused_with_400_and_change_nothing()
    {
        var (owner, team) = await TeamWithCreditsAsync();
        var project = await CreateAsync(owner, team, Storyboard(1), name: "Keep me");
        var before = await fixture.Api.SqlAsync<string>("SELECT name || '|' || spec::text || '|' || version FROM projects WHERE id = @project", new { project });

        (await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{project}", new { name = new string('x', 201) })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Send(HttpMethod.Patch, $"/v1/projects/{project}", """{"name":"tab\ttab"}""")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Patch, $"/v1/projects/{project}", new { spec = Storyboard(2) })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{project}/spec", "")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{project}/spec", "[]")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{project}/spec", """{"title":"\u0000"}""")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Send(HttpMethod.Put, $"/v1/projects/{project}/spec", """{"title":""")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?status=Draft")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?limit=0")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{team}/projects?cursor=%00garbage")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(before, await fixture.Api.SqlAsync<string>("SELECT name || '|' || spec::text || '|' || version FROM projects WHERE id = @project", new { project }));
    }

    [Fact]
    public async Task A_render_racing_an_archive_lets_exactly_one_of_them_through()
    {
        var (owner, team) = await TeamWithCreditsAsync(1000);
        for (var round = 0; round < 5; round++)
        {
            var project = await CreateAsync(owner, team, Storyboard(1), name: $"race {round}");
            var render = owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/render", new { options = Hang });
            var archive = owner.Client.Call(HttpMethod.Post, $"/v1/projects/{project}/archive");
            var (rendered, archived) = (await render, await archive);

            Assert.True(rendered.Status == HttpStatusCode.Created ^ archived.Status == HttpStatusCode.OK,
                $"render {(int)rendered.Status} {rendered.Body}, archive {(int)archived.Status} {archived.Body}");
            var status = await fixture.Api.SqlAsync<string>("SELECT status::text FROM projects WHERE id = @project", new { project });
            Assert.Equal(rendered.Status == HttpStatusCode.Created ? "rendering" : "archived", status);
            if (rendered.Status == HttpStatusCode.Created)
            {
                archived.AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
                await owner.Client.Call(HttpMethod.Post, $"/v1/jobs/{rendered.Id()}/cancel");
                await WaitForProjectAsync(owner, project, "draft");
            }
            else
            {
                rendered.AssertError(HttpStatusCode.Conflict, "INVALID_PROJECT_STATE");
            }
        }
    }
}
