using System.Net;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Assets;

/// <summary>The upload flow against the real API, PostgreSQL and s3rver: presigned PUT, confirm by the stored bytes,
/// download, the storage counter, and storyboards that reference the uploads.</summary>
public sealed class AssetUploadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    private Task<long> StoredBytesAsync(Guid userId) =>
        _factory.SqlAsync<long>("SELECT ephemeral_storage_bytes FROM users WHERE id = @userId", new { userId });

    [Theory]
    [InlineData("image/png", "frame.png")]
    [InlineData("audio/wav", "tone.wav")]
    public async Task A_real_upload_is_confirmed_downloads_identical_bytes_and_counts_against_the_owner(string contentType, string filename)
    {
        var user = await _factory.StarterAsync();
        var bytes = contentType == "image/png" ? AssetsHarness.Png : AssetsHarness.Wav;

        var created = await user.Client.UploadUrlAsync(filename, contentType, bytes.Length);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var asset = created.Body.GetProperty("asset");
        Assert.Equal("pending", asset.GetProperty("status").GetString());
        Assert.Equal(user.Urn, asset.GetProperty("owner").GetString());
        Assert.False(asset.TryGetProperty("s3_key", out _));
        Assert.Equal(HttpStatusCode.OK, await AssetsHarness.PutAsync(created.Str("upload_url"), bytes, contentType));

        var id = asset.GetProperty("id").GetGuid();
        var confirmed = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("ready", confirmed.Str("status"));

        var got = await user.Client.Call(HttpMethod.Get, $"/v1/assets/{id}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(filename, got.Str("filename"));
        Assert.Equal(bytes.Length, got.Body.GetProperty("size_bytes").GetInt64());
        Assert.Equal(bytes, await AssetsHarness.S3.GetByteArrayAsync(got.Str("download_url")));
        Assert.Equal(bytes.Length, await StoredBytesAsync(user.Id));
        // The account was read (and its grain activated) before the upload: it answers with the new counter.
        Assert.Equal(bytes.Length, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("ephemeral_storage_bytes").GetInt64());
        Assert.Equal($"user/{user.Id:D}/assets/{id:D}/{filename}",
            await _factory.SqlAsync<string>("SELECT s3_key FROM asset_files WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_pending_asset_has_no_download_url()
    {
        var user = await _factory.StarterAsync();
        var created = await user.Client.UploadUrlAsync("later.png", "image/png", 100);

        var got = await user.Client.Call(HttpMethod.Get, $"/v1/assets/{created.Body.GetProperty("asset").GetProperty("id").GetGuid()}");

        Assert.Equal("pending", got.Str("status"));
        Assert.False(got.Body.TryGetProperty("download_url", out _));
    }

    [Fact]
    public async Task Bytes_that_are_not_the_declared_type_fail_verification_whatever_content_type_was_sent()
    {
        var user = await _factory.StarterAsync();
        // A PNG declared (and PUT) as WAV: the stored Content-Type says audio/wav, the bytes say otherwise.
        var id = await user.UploadedAsync(AssetsHarness.Png, "audio/wav", "fake.wav");

        var confirmed = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");

        confirmed.AssertError(HttpStatusCode.UnprocessableEntity, "UPLOAD_VERIFICATION_FAILED");
        Assert.Equal("content_type_mismatch", confirmed.Body.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
        var got = await user.Client.Call(HttpMethod.Get, $"/v1/assets/{id}");
        Assert.Equal("failed", got.Str("status"));
        Assert.Equal(0, await StoredBytesAsync(user.Id));
        (await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm")).AssertError(HttpStatusCode.Conflict, "ASSET_NOT_PENDING");
    }

    [Fact]
    public async Task A_size_more_than_five_percent_off_the_declared_size_fails_verification()
    {
        var user = await _factory.StarterAsync();
        var bytes = AssetsHarness.Wav;
        var created = await user.Client.UploadUrlAsync("short.wav", "audio/wav", bytes.Length * 2);
        Assert.Equal(HttpStatusCode.OK, await AssetsHarness.PutAsync(created.Str("upload_url"), bytes, "audio/wav"));
        var id = created.Body.GetProperty("asset").GetProperty("id").GetGuid();

        var confirmed = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");

        confirmed.AssertError(HttpStatusCode.UnprocessableEntity, "UPLOAD_VERIFICATION_FAILED");
        Assert.Equal("size_mismatch", confirmed.Body.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("failed", await _factory.SqlAsync<string>("SELECT status::text FROM asset_files WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_confirm_before_the_upload_is_refused_and_leaves_the_asset_pending_for_its_url()
    {
        var user = await _factory.StarterAsync();
        var bytes = AssetsHarness.Png;
        var created = await user.Client.UploadUrlAsync("early.png", "image/png", bytes.Length);
        var id = created.Body.GetProperty("asset").GetProperty("id").GetGuid();

        var early = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");

        early.AssertError(HttpStatusCode.UnprocessableEntity, "UPLOAD_VERIFICATION_FAILED");
        Assert.Equal("object_missing", early.Body.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("pending", (await user.Client.Call(HttpMethod.Get, $"/v1/assets/{id}")).Str("status"));
        Assert.Equal(HttpStatusCode.OK, await AssetsHarness.PutAsync(created.Str("upload_url"), bytes, "image/png"));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm")).Status);
    }

    [Fact]
    public async Task A_second_confirm_is_a_conflict_and_counts_the_bytes_once()
    {
        var user = await _factory.StarterAsync();
        var id = await user.ReadyAssetAsync(AssetsHarness.Png, "image/png");

        var again = await user.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm");

        again.AssertError(HttpStatusCode.Conflict, "ASSET_NOT_PENDING");
        Assert.Equal(AssetsHarness.Png.Length, await StoredBytesAsync(user.Id));
    }

    [Fact]
    public async Task Only_the_uploader_confirms_others_who_see_it_get_403_and_others_404()
    {
        var owner = await _factory.CreatorAsync();
        var member = await _factory.CreatorAsync();
        var stranger = await _factory.CreatorAsync();
        var teamId = await _factory.TeamWithAsync(owner, (member, "member"));
        var id = await owner.UploadedAsync(AssetsHarness.Png, "image/png", owner: $"framecast:team:{teamId:D}");

        (await member.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm")).AssertError(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await stranger.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.Call(HttpMethod.Post, $"/v1/assets/{id}/confirm")).Status);
        Assert.Equal(AssetsHarness.Png.Length,
            await _factory.SqlAsync<long>("SELECT ephemeral_storage_bytes FROM teams WHERE id = @teamId", new { teamId }));
    }

    [Fact]
    public async Task Deleting_a_ready_asset_removes_row_object_and_bytes_from_the_counter()
    {
        var user = await _factory.StarterAsync();
        var id = await user.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav");
        var url = (await user.Client.Call(HttpMethod.Get, $"/v1/assets/{id}")).Str("download_url");

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.Call(HttpMethod.Delete, $"/v1/assets/{id}")).Status);

        Assert.Equal(0, await StoredBytesAsync(user.Id));
        (await user.Client.Call(HttpMethod.Get, $"/v1/assets/{id}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        using var gone = await AssetsHarness.S3.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        (await user.Client.Call(HttpMethod.Delete, $"/v1/assets/{id}")).AssertError(HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
    }

    [Fact]
    public async Task A_browser_preflight_to_a_presigned_upload_url_is_allowed_by_cors()
    {
        var user = await _factory.StarterAsync();
        var created = await user.Client.UploadUrlAsync("cors.png", "image/png", 10);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, created.Str("upload_url"));
        preflight.Headers.Add("Origin", "https://app.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await AssetsHarness.S3.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins), "no Access-Control-Allow-Origin");
        Assert.Contains(origins, o => o is "*" or "https://app.example.com");
        Assert.Contains("PUT", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Fact]
    public async Task Listing_is_newest_first_with_filters_and_cursor_pages()
    {
        var user = await _factory.StarterAsync();
        var png = await user.ReadyAssetAsync(AssetsHarness.Png, "image/png", "a.png");
        var wav = await user.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav", "b.wav");
        var pending = (await user.Client.UploadUrlAsync("c.png", "image/png", 50)).Body.GetProperty("asset").GetProperty("id").GetGuid();

        static List<Guid> Ids(Reply page) => [.. page.Body.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];
        var first = await user.Client.Call(HttpMethod.Get, "/v1/assets?limit=2");
        Assert.Equal([pending, wav], Ids(first));
        Assert.True(first.Body.GetProperty("has_more").GetBoolean());
        var second = await user.Client.Call(HttpMethod.Get, $"/v1/assets?limit=2&cursor={first.Str("next_cursor")}");
        Assert.Equal([png], Ids(second));
        Assert.False(second.Body.GetProperty("has_more").GetBoolean());

        Assert.Equal([pending, png], Ids(await user.Client.Call(HttpMethod.Get, "/v1/assets?content_type=image/")));
        Assert.Equal([wav, png], Ids(await user.Client.Call(HttpMethod.Get, "/v1/assets?status=ready")));
        Assert.Empty(Ids(await user.Client.Call(HttpMethod.Get, "/v1/assets?content_type=video/")));
    }

    private static object MusicStoryboard(Guid assetId) => new
    {
        title = "With music",
        scenes = new[] { new { id = "a", prompt = "a harbor at dawn", duration = 2 } },
        global_audio = new { music = new { asset_id = assetId.ToString() } },
    };

    private static List<(string Path, string Code)> Errors(Reply validation) =>
        [.. validation.Body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("code").GetString()!))];

    [Fact]
    public async Task A_storyboard_referencing_a_ready_uploaded_wav_validates()
    {
        var user = await _factory.StarterAsync();
        var id = await user.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav", "music.wav");

        var validation = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", MusicStoryboard(id));

        Assert.Equal(HttpStatusCode.OK, validation.Status);
        Assert.True(validation.Body.GetProperty("valid").GetBoolean(), validation.Body.ToString());
    }

    [Fact]
    public async Task A_pending_upload_is_not_ready_and_another_users_upload_is_not_found()
    {
        var user = await _factory.StarterAsync();
        var other = await _factory.StarterAsync();
        var pending = await user.UploadedAsync(AssetsHarness.Wav, "audio/wav", "pending.wav");
        var theirs = await other.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav", "theirs.wav");

        var notReady = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", MusicStoryboard(pending));
        var notFound = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", MusicStoryboard(theirs));

        Assert.False(notReady.Body.GetProperty("valid").GetBoolean());
        Assert.Equal([("global_audio.music.asset_id", "ASSET_NOT_READY")], Errors(notReady));
        Assert.Equal([("global_audio.music.asset_id", "ASSET_NOT_FOUND")], Errors(notFound));
    }

    [Fact]
    public async Task A_job_may_use_its_own_owners_uploads_but_not_other_accessible_ones()
    {
        var creator = await _factory.CreatorAsync();
        var teamId = creator.MyTeamId!.Value;
        var personal = await creator.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav", "mine.wav");
        var team = await creator.ReadyAssetAsync(AssetsHarness.Wav, "audio/wav", "team.wav", owner: $"framecast:team:{teamId:D}");

        // Validation alone (no owner) sees both; a job under the membership URN sees the team's upload but not the personal one.
        Assert.True((await creator.Client.Call(HttpMethod.Post, "/v1/spec/validate", MusicStoryboard(personal))).Body.GetProperty("valid").GetBoolean());
        var membership = $"framecast:{teamId:D}:{creator.Id:D}";
        var withPersonal = await creator.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = MusicStoryboard(personal), owner = membership });
        withPersonal.AssertError(HttpStatusCode.UnprocessableEntity, "SPEC_INVALID");
        Assert.Contains("ASSET_NOT_FOUND", withPersonal.Body.ToString());
        var withTeam = await creator.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = MusicStoryboard(team), owner = membership });
        Assert.NotEqual("SPEC_INVALID", withTeam.ErrorCode);
    }
}
