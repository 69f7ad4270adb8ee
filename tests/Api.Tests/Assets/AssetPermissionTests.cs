using System.Net;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Assets;

/// <summary>Spec 05 for assets: tiers, team roles × list/get/upload/confirm/delete, API-key scopes, and visibility.</summary>
public sealed class AssetPermissionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    private static bool Listed(Reply page, Guid id) => page.Body.GetProperty("data").EnumerateArray().Any(a => a.GetProperty("id").GetGuid() == id);

    private async Task<(TestUser Owner, Dictionary<string, TestUser> Members, Guid TeamId)> TeamAsync()
    {
        var owner = await _factory.CreatorAsync();
        var members = new Dictionary<string, TestUser>();
        foreach (var role in new[] { "owner", "admin", "member", "viewer" })
        {
            members[role] = await _factory.CreatorAsync();
        }
        var teamId = await _factory.TeamWithAsync(owner, [.. members.Select(m => (m.Value, m.Key))]);
        return (owner, members, teamId);
    }

    [Theory]
    [InlineData("owner", true)]
    [InlineData("admin", true)]
    [InlineData("member", true)]
    [InlineData("viewer", false)]
    public async Task Every_role_sees_a_teams_assets_and_only_viewers_cannot_upload_to_it(string role, bool mayUpload)
    {
        var (owner, members, teamId) = await TeamAsync();
        var user = members[role];
        var teamUrn = $"framecast:team:{teamId:D}";
        var shared = await owner.ReadyAssetAsync(AssetsHarness.Png, "image/png", owner: teamUrn);

        Assert.True(Listed(await user.Client.Call(HttpMethod.Get, "/v1/assets"), shared));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Get, $"/v1/assets/{shared}")).Status);
        var rows = await _factory.AssetRowsAsync();
        var upload = await user.Client.UploadUrlAsync("mine.png", "image/png", AssetsHarness.Png.Length, teamUrn);
        if (mayUpload)
        {
            Assert.Equal(HttpStatusCode.Created, upload.Status);
        }
        else
        {
            upload.AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
            Assert.Equal(rows, await _factory.AssetRowsAsync());
        }
    }

    [Theory]
    [InlineData("owner", true)]
    [InlineData("admin", true)]
    [InlineData("member", false)]
    [InlineData("viewer", false)]
    public async Task Owners_and_admins_delete_anyones_team_asset_members_and_viewers_do_not(string role, bool mayDelete)
    {
        var (owner, members, teamId) = await TeamAsync();
        var uploader = await _factory.CreatorAsync();
        await _factory.JoinAsync(owner, teamId, uploader, "member");
        var asset = await uploader.ReadyAssetAsync(AssetsHarness.Png, "image/png", owner: $"framecast:team:{teamId:D}");

        var deleted = await members[role].Client.Call(HttpMethod.Delete, $"/v1/assets/{asset}");

        if (mayDelete)
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        }
        else
        {
            deleted.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
            Assert.Equal(1L, await _factory.SqlAsync<long>("SELECT count(*) FROM asset_files WHERE id = @asset", new { asset }));
        }
    }

    [Fact]
    public async Task A_member_deletes_their_own_team_asset()
    {
        var (_, members, teamId) = await TeamAsync();
        var member = members["member"];
        var asset = await member.ReadyAssetAsync(AssetsHarness.Png, "image/png", owner: $"framecast:team:{teamId:D}");

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.Call(HttpMethod.Delete, $"/v1/assets/{asset}")).Status);
    }

    [Fact]
    public async Task A_viewer_cannot_confirm_an_upload_made_before_being_demoted()
    {
        var (owner, members, teamId) = await TeamAsync();
        var member = members["member"];
        var asset = await member.UploadedAsync(AssetsHarness.Png, "image/png", owner: $"framecast:team:{teamId:D}");
        var demote = await owner.Client.Call(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{member.Id}", new { role = "viewer" });
        Assert.Equal(HttpStatusCode.OK, demote.Status);

        (await member.Client.Call(HttpMethod.Post, $"/v1/assets/{asset}/confirm")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
    }

    [Fact]
    public async Task Membership_assets_are_private_to_their_user_even_for_team_owners()
    {
        var (owner, members, teamId) = await TeamAsync();
        var member = members["member"];
        var asset = await member.ReadyAssetAsync(AssetsHarness.Png, "image/png", owner: $"framecast:{teamId:D}:{member.Id:D}");

        (await owner.Client.Call(HttpMethod.Get, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        (await owner.Client.Call(HttpMethod.Delete, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.False(Listed(await owner.Client.Call(HttpMethod.Get, "/v1/assets"), asset));
        Assert.True(Listed(await member.Client.Call(HttpMethod.Get, "/v1/assets"), asset));
    }

    [Fact]
    public async Task One_users_assets_are_invisible_to_another()
    {
        var user = await _factory.StarterAsync();
        var other = await _factory.CreatorAsync();
        var asset = await user.ReadyAssetAsync(AssetsHarness.Png, "image/png");

        (await other.Client.Call(HttpMethod.Get, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        (await other.Client.Call(HttpMethod.Delete, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        (await other.Client.Call(HttpMethod.Post, $"/v1/assets/{asset}/confirm")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.False(Listed(await other.Client.Call(HttpMethod.Get, "/v1/assets"), asset));
        Assert.Empty((await other.Client.Call(HttpMethod.Get, $"/v1/assets?owner={user.Urn}")).Body.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Starters_use_only_their_personal_urn()
    {
        var starter = await _factory.StarterAsync();
        var creator = await _factory.CreatorAsync();
        var rows = await _factory.AssetRowsAsync();

        (await starter.Client.UploadUrlAsync("x.png", "image/png", 10, $"framecast:team:{creator.MyTeamId:D}"))
            .AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await starter.Client.UploadUrlAsync("x.png", "image/png", 10, creator.Urn)).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        Assert.Equal(rows, await _factory.AssetRowsAsync());
        Assert.Equal(HttpStatusCode.Created, (await starter.Client.UploadUrlAsync("x.png", "image/png", 10)).Status);
    }

    [Fact]
    public async Task A_project_asset_belongs_to_the_projects_team_and_needs_an_uploading_role()
    {
        var (owner, members, teamId) = await TeamAsync();
        // Projects' own endpoints are another part's; a row is all an upload needs.
        var projectId = Guid.NewGuid();
        await _factory.ExecAsync("INSERT INTO projects (id, team_id, created_by, name) VALUES (@projectId, @teamId, @createdBy, 'Assets')",
            new { projectId, teamId, createdBy = owner.Id });
        var stranger = await _factory.CreatorAsync();
        var rows = await _factory.AssetRowsAsync();

        var created = await members["member"].Client.UploadUrlAsync("p.png", "image/png", 10, projectId: projectId);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"framecast:team:{teamId:D}", created.Body.GetProperty("asset").GetProperty("owner").GetString());
        Assert.Equal(projectId, created.Body.GetProperty("asset").GetProperty("project_id").GetGuid());

        (await members["viewer"].Client.UploadUrlAsync("p.png", "image/png", 10, projectId: projectId)).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        (await stranger.Client.UploadUrlAsync("p.png", "image/png", 10, projectId: projectId)).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        (await owner.Client.UploadUrlAsync("p.png", "image/png", 10, owner.Urn, projectId)).AssertError(HttpStatusCode.UnprocessableEntity, "OWNER_PROJECT_MISMATCH");
        (await owner.Client.UploadUrlAsync("p.png", "image/png", 10, projectId: Guid.NewGuid())).AssertError(HttpStatusCode.NotFound, "PROJECT_NOT_FOUND");
        Assert.Equal(rows + 1, await _factory.AssetRowsAsync());
    }

    [Fact]
    public async Task Api_keys_need_assets_read_to_read_and_assets_write_to_write()
    {
        var user = await _factory.StarterAsync();
        var asset = await user.ReadyAssetAsync(AssetsHarness.Png, "image/png");
        using var reader = _factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "assets:read" } }));
        using var writer = _factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "assets:write" } }));
        using var jobsOnly = _factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "jobs:read" } }));

        Assert.Equal(HttpStatusCode.OK, (await reader.Call(HttpMethod.Get, "/v1/assets")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.Call(HttpMethod.Get, $"/v1/assets/{asset}")).Status);
        (await reader.UploadUrlAsync("r.png", "image/png", 10)).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await reader.Call(HttpMethod.Post, $"/v1/assets/{asset}/confirm")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await reader.Call(HttpMethod.Delete, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");

        (await writer.Call(HttpMethod.Get, "/v1/assets")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await writer.Call(HttpMethod.Get, $"/v1/assets/{asset}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        (await jobsOnly.Call(HttpMethod.Get, $"/v1/assets/{Guid.NewGuid()}")).AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal(HttpStatusCode.Created, (await writer.UploadUrlAsync("w.png", "image/png", 10)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.Call(HttpMethod.Delete, $"/v1/assets/{asset}")).Status);
    }
}
