using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.SystemAssets;

/// <summary>The system asset catalog over HTTP (spec 04 §8, 08 §5): filters, order, previews, and who may read it.</summary>
public sealed class SystemAssetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly HttpClient Plain = new();

    private static List<JsonElement> Items(Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body.ToString());
        return [.. reply.Body.EnumerateArray()];
    }

    [Fact]
    public async Task The_list_holds_the_whole_catalog_sorted_by_category_then_name_without_urls()
    {
        var user = await factory.StarterAsync();

        var items = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets"));

        Assert.Equal(42, items.Count);
        var keys = items.Select(i => (Category: i.GetProperty("category").GetString()!, Name: i.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Category, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal), keys);
        Assert.Equal(15, keys.Count(k => k.Category == "sfx"));
        Assert.Equal(6, keys.Count(k => k.Category == "transition"));
        var whoosh = items.Single(i => i.GetProperty("id").GetString() == "asset_sfx_whoosh");
        Assert.Equal("framecast:system:sfx:whoosh", whoosh.GetProperty("urn").GetString());
        Assert.Equal(0.5m, whoosh.GetProperty("duration_seconds").GetDecimal());
        Assert.Equal("audio/wav", whoosh.GetProperty("content_type").GetString());
        Assert.False(whoosh.TryGetProperty("preview_url", out _));
    }

    [Fact]
    public async Task Category_tags_and_search_filter_the_list()
    {
        var user = await factory.StarterAsync();

        var music = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets?category=music"));
        Assert.Equal(10, music.Count);
        Assert.All(music, m => Assert.Equal("music", m.GetProperty("category").GetString()));

        // Any tag matches, repeated or comma-separated.
        var repeated = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets?tags=metal&tags=weather"));
        var commas = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets?tags=metal,weather"));
        var ids = repeated.Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["asset_ambient_nature_rain", "asset_ambient_ocean", "asset_sfx_impact_metal"], ids);
        Assert.Equal(ids, commas.Select(i => i.GetProperty("id").GetString()));

        // Case-insensitive, in the name or the description.
        var search = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets?search=APPLAUSE"));
        Assert.Equal(["asset_sfx_applause", "asset_sfx_applause_short"], search.Select(i => i.GetProperty("id").GetString()));
        var byDescription = Items(await user.Client.Call(HttpMethod.Get, "/v1/system-assets?search=coffee"));
        Assert.Equal("asset_ambient_cafe", Assert.Single(byDescription).GetProperty("id").GetString());

        (await user.Client.Call(HttpMethod.Get, "/v1/system-assets?category=jingle")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await user.Client.Call(HttpMethod.Get, "/v1/system-assets?category=Music")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Get_gives_a_preview_url_that_downloads_the_wav_of_the_catalogs_size()
    {
        var user = await factory.StarterAsync();

        var got = await user.Client.Call(HttpMethod.Get, "/v1/system-assets/asset_music_triumphant");

        Assert.Equal(HttpStatusCode.OK, got.Status);
        var bytes = await Plain.GetByteArrayAsync(got.Str("preview_url"));
        Assert.Equal(got.Body.GetProperty("size_bytes").GetInt64(), bytes.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        // 16-bit mono at 16 kHz: the data after the 44-byte header lasts the catalog's 18 s.
        Assert.Equal(18.0, (bytes.Length - 44) / 2 / 16000.0, 2);
    }

    [Theory]
    [InlineData("asset_sfx_nope")]
    [InlineData("framecast:system:sfx:whoosh")]
    [InlineData("ASSET_SFX_WHOOSH")]
    [InlineData("..%2F..%2Fetc")]
    public async Task An_unknown_or_malformed_id_is_404(string id)
    {
        var user = await factory.StarterAsync();
        (await user.Client.Call(HttpMethod.Get, $"/v1/system-assets/{id}")).AssertError(HttpStatusCode.NotFound, "SYSTEM_ASSET_NOT_FOUND");
    }

    [Fact]
    public async Task Any_signed_in_caller_reads_the_catalog_whatever_its_keys_scopes_and_anonymous_callers_do_not()
    {
        var creator = await factory.CreatorAsync();
        using var narrowKey = factory.ClientWith(await creator.ApiKeyAsync(new { scopes = new[] { "jobs:read" } }));

        Assert.Equal(42, Items(await narrowKey.Call(HttpMethod.Get, "/v1/system-assets")).Count);
        Assert.Equal(HttpStatusCode.OK, (await narrowKey.Call(HttpMethod.Get, "/v1/system-assets/asset_sfx_pop")).Status);
        using var anonymous = factory.ClientWith(null);
        (await anonymous.Call(HttpMethod.Get, "/v1/system-assets")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
