using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Api.Tests.SystemAssets;

/// <summary>GET /v1/system-assets and /{id} on the real API: the catalog from the migrated table, previews in the real s3rver.</summary>
public sealed class SystemAssetApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    private static List<string> Ids(Reply reply) => [.. reply.Body.EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];

    [Fact]
    public async Task The_list_has_all_42_entries_by_category_then_name_without_urls()
    {
        var user = await _factory.StarterAsync();

        var listed = await user.Client.Call(HttpMethod.Get, "/v1/system-assets");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var items = listed.Body.EnumerateArray().ToList();
        Assert.Equal(42, items.Count);
        var keys = items.Select(a => (a.GetProperty("category").GetString()!, a.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
        Assert.Equal(("ambient", "cafe"), keys[0]);
        Assert.Equal(("transition", "swoosh"), keys[^1]);
        var pop = items.Single(a => a.GetProperty("id").GetString() == "asset_sfx_pop");
        Assert.Equal("framecast:system:sfx:pop", pop.GetProperty("urn").GetString());
        Assert.Equal("Quick pop/burst effect", pop.GetProperty("description").GetString());
        Assert.Equal("0.25", pop.GetProperty("duration_seconds").GetRawText());
        Assert.Equal("audio/wav", pop.GetProperty("content_type").GetString());
        Assert.Equal(8_044, pop.GetProperty("size_bytes").GetInt64());
        Assert.Equal(["pop", "burst", "playful", "light"], pop.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, pop.GetProperty("deprecated_at").ValueKind);
        Assert.True(pop.GetProperty("created_at").TryGetDateTimeOffset(out _));
        Assert.All(items, a =>
        {
            Assert.False(a.TryGetProperty("preview_url", out _));
            Assert.False(a.TryGetProperty("s3_key", out _));
        });
    }

    [Fact]
    public async Task The_category_filter_keeps_only_that_category()
    {
        var user = await _factory.StarterAsync();

        var transitions = await user.Client.Call(HttpMethod.Get, "/v1/system-assets?category=transition");

        Assert.Equal(HttpStatusCode.OK, transitions.Status);
        Assert.Equal(
            ["asset_transition_boom", "asset_transition_fade", "asset_transition_glitch", "asset_transition_reverse", "asset_transition_rise", "asset_transition_swoosh"],
            Ids(transitions));
    }

    [Theory]
    [InlineData("/v1/system-assets?tags=metal&tags=water")]
    [InlineData("/v1/system-assets?tags=metal,water")]
    [InlineData("/v1/system-assets?tags=metal, water&tags=nope")]
    public async Task Tags_match_an_entry_that_has_any_of_them(string path)
    {
        var user = await _factory.StarterAsync();

        var tagged = await user.Client.Call(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, tagged.Status);
        // metal: impact_metal; water: nature_rain and ocean. In catalog order.
        Assert.Equal(["asset_ambient_nature_rain", "asset_ambient_ocean", "asset_sfx_impact_metal"], Ids(tagged));
    }

    [Fact]
    public async Task Search_is_a_case_insensitive_substring_of_the_name_or_the_description()
    {
        var user = await _factory.StarterAsync();

        var byName = await user.Client.Call(HttpMethod.Get, "/v1/system-assets?search=WHOOSH");
        var byDescription = await user.Client.Call(HttpMethod.Get, "/v1/system-assets?search=Coffee");
        var combined = await user.Client.Call(HttpMethod.Get, "/v1/system-assets?search=crowd&category=sfx");

        Assert.Equal(["asset_sfx_whoosh", "asset_sfx_whoosh_heavy"], Ids(byName));
        Assert.Equal(["asset_ambient_cafe"], Ids(byDescription));
        Assert.Empty(Ids(combined));
    }

    [Theory]
    [InlineData("voice")]
    [InlineData("SFX")]
    [InlineData("")]
    public async Task An_unknown_category_is_a_validation_error(string category)
    {
        var user = await _factory.StarterAsync();

        var refused = await user.Client.Call(HttpMethod.Get, $"/v1/system-assets?category={category}");

        refused.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("category", refused.Body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_answers_every_field_and_a_preview_url_that_downloads_the_stored_wav()
    {
        var user = await _factory.StarterAsync();

        var got = await user.Client.Call(HttpMethod.Get, "/v1/system-assets/asset_sfx_door_open");

        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(("asset_sfx_door_open", "sfx", "door_open", 22_444L),
            (got.Str("id"), got.Str("category"), got.Str("name"), got.Body.GetProperty("size_bytes").GetInt64()));
        Assert.Equal("0.7", got.Body.GetProperty("duration_seconds").GetRawText());
        var url = new Uri(got.Str("preview_url"));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        // 24 hours (the SDK rounds the remaining seconds up).
        Assert.InRange(int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture), 86_390, 86_401);
        using var plain = new HttpClient();
        var downloaded = await plain.GetByteArrayAsync(url);
        var store = _factory.Services.GetRequiredService<ObjectStore>();
        await using var stored = await store.OpenReadAsync(store.Options.SystemBucket, "assets/sfx/asset_sfx_door_open.wav");
        using var buffer = new MemoryStream();
        await stored.CopyToAsync(buffer);
        Assert.Equal(buffer.ToArray(), downloaded);
        Assert.Equal(22_444, downloaded.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(downloaded, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(downloaded, 8, 4));
    }

    [Theory]
    [InlineData("asset_sfx_nope")]
    [InlineData("asset_sfx_whoosh_1")]
    [InlineData("ASSET_SFX_WHOOSH")]
    [InlineData("framecast:system:sfx:whoosh")]
    [InlineData("not-an-asset")]
    public async Task An_unknown_or_malformed_id_is_not_found(string id)
    {
        var user = await _factory.StarterAsync();

        (await user.Client.Call(HttpMethod.Get, $"/v1/system-assets/{Uri.EscapeDataString(id)}")).AssertError(HttpStatusCode.NotFound, "SYSTEM_ASSET_NOT_FOUND");
    }

    [Fact]
    public async Task A_starter_a_creator_and_a_key_with_only_jobs_read_may_list_and_get()
    {
        var starter = await _factory.StarterAsync();
        var creator = await _factory.CreatorAsync();
        var key = await starter.ApiKeyAsync(new { scopes = new[] { "jobs:read" } });
        using var keyClient = _factory.ClientWith(key);

        foreach (var client in new[] { starter.Client, creator.Client, keyClient })
        {
            var listed = await client.Call(HttpMethod.Get, "/v1/system-assets");
            var got = await client.Call(HttpMethod.Get, "/v1/system-assets/asset_music_triumphant");
            Assert.Equal(HttpStatusCode.OK, listed.Status);
            Assert.Equal(42, listed.Body.GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, got.Status);
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var anonymous = _factory.ClientWith(null);

        (await anonymous.Call(HttpMethod.Get, "/v1/system-assets")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        (await anonymous.Call(HttpMethod.Get, "/v1/system-assets/asset_sfx_whoosh")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Validation_uses_the_loaded_catalog()
    {
        var user = await _factory.StarterAsync();
        object Spec(string assetId) => new
        {
            title = "t",
            scenes = new[] { new { id = "a", prompt = "a door", duration = 2, audio = new { sfx = new[] { new { asset_id = assetId, start = 0 } } } } },
        };

        var known = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", Spec("asset_sfx_whoosh"));
        var unknown = await user.Client.Call(HttpMethod.Post, "/v1/spec/validate", Spec("asset_sfx_nope"));

        Assert.True(known.Body.GetProperty("valid").GetBoolean(), known.Body.GetRawText());
        Assert.False(unknown.Body.GetProperty("valid").GetBoolean());
        Assert.Equal("SYSTEM_ASSET_NOT_FOUND", unknown.Body.GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
