using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Tests.SystemAssets;
using Framecast.Grains.SystemAssets;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>Spec 06 §3.5 R8–R10, §3.6 and spec 08 §7: asset references, uploaded and system.</summary>
public class StoryboardAssetRuleTests
{
    private static readonly StoryboardAssetInfo ReadyAudio = new(Guid.NewGuid(), "audio/mpeg", "ready");
    private static readonly StoryboardAssetInfo PendingAudio = new(Guid.NewGuid(), "audio/mpeg", "pending");
    private static readonly StoryboardAssetInfo ReadyImage = new(Guid.NewGuid(), "image/png", "ready");

    private static JsonObject WithMusic(string assetId) =>
        Welcome(s => s["scenes"]![0]!["audio"]!["music"]!["asset_id"] = assetId);

    private static JsonObject WithReferenceImage(string id) =>
        Welcome(s => s["symbols"]!["stage"]!["reference_images"] = new JsonArray(new JsonObject { ["id"] = id, ["weight"] = 0.7 }));

    [Fact]
    public async Task R8_unknown_system_asset_is_an_error_listing_its_category()
    {
        var result = await ValidateAsync(WithMusic("asset_music_polka"));

        var error = result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.SystemAssetNotFound);
        Assert.Contains("asset_music_triumphant", error.ValidValues!);
        Assert.Equal(10, error.ValidValues!.Count);
    }

    [Fact]
    public async Task System_asset_urn_is_refused_with_the_matching_id_in_the_message()
    {
        var result = await ValidateAsync(WithMusic("framecast:system:music:tense"));

        var error = result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.SystemAssetUrnNotAllowed);
        Assert.Contains("asset_music_tense", error.Message);
    }

    [Fact]
    public async Task System_asset_used_as_a_transition_sound_in_the_timeline_is_checked()
    {
        var timeline = new JsonArray(
            new JsonObject { ["scene"] = "entrance" },
            new JsonObject { ["transition"] = new JsonObject { ["type"] = "wipe", ["audio"] = new JsonObject { ["asset_id"] = "asset_transition_nope" } } },
            new JsonObject { ["scene"] = "welcome" });

        var result = await ValidateAsync(Welcome(s => s["timeline"] = timeline));

        result.SingleError("timeline[1].transition.audio.asset_id", ValidationCodes.SystemAssetNotFound);
    }

    [Fact]
    public async Task Same_system_asset_may_be_used_many_times_alongside_uploads()
    {
        var spec = Welcome(s =>
        {
            s["scenes"]![0]!["audio"]!["ambient"] = new JsonObject { ["asset_id"] = ReadyAudio.Id.ToString(), ["loop"] = true };
            s["scenes"]![1]!["audio"]!["ambient"] = new JsonObject { ["asset_id"] = "asset_ambient_theater" };
        });

        var result = await ValidateAsync(spec, new FakeAssetLookup(ReadyAudio));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task R8_uploaded_audio_that_does_not_exist_is_not_found()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await ValidateAsync(WithMusic(missing));

        var error = result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.AssetNotFound);
        Assert.Equal(missing, error.Value);
    }

    [Fact]
    public async Task R8_uploaded_audio_that_is_not_ready_is_reported()
    {
        var result = await ValidateAsync(WithMusic(PendingAudio.Id.ToString()), new FakeAssetLookup(PendingAudio));

        var error = result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.AssetNotReady);
        Assert.Equal("pending", error.Value);
    }

    [Fact]
    public async Task R8_uploaded_image_used_as_audio_is_the_wrong_type()
    {
        var result = await ValidateAsync(WithMusic(ReadyImage.Id.ToString()), new FakeAssetLookup(ReadyImage));

        result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.AssetWrongType);
    }

    [Fact]
    public async Task R8_ready_uploaded_audio_is_valid()
    {
        var result = await ValidateAsync(WithMusic(ReadyAudio.Id.ToString()), new FakeAssetLookup(ReadyAudio));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task Asset_id_that_is_neither_uuid_nor_system_id_is_invalid()
    {
        var result = await ValidateAsync(WithMusic("my-song.mp3"));

        result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.AssetIdInvalid);
    }

    [Fact]
    public async Task R9_reference_image_must_be_an_image()
    {
        var result = await ValidateAsync(WithReferenceImage(ReadyAudio.Id.ToString()), new FakeAssetLookup(ReadyAudio));

        result.SingleError("symbols.stage.reference_images[0].id", ValidationCodes.AssetWrongType);
    }

    [Fact]
    public async Task R9_ready_reference_image_is_valid()
    {
        var result = await ValidateAsync(WithReferenceImage(ReadyImage.Id.ToString()), new FakeAssetLookup(ReadyImage));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task R9_system_asset_is_never_a_reference_image()
    {
        var result = await ValidateAsync(WithReferenceImage("asset_sfx_pop"));

        result.SingleError("symbols.stage.reference_images[0].id", ValidationCodes.SystemAssetNotAllowed);
    }

    [Fact]
    public async Task System_asset_is_not_a_voice_sample()
    {
        var result = await ValidateAsync(Welcome(s => s["symbols"]!["crowd"]!["voice"] = new JsonObject { ["asset_id"] = "asset_sfx_applause" }));

        result.SingleError("symbols.crowd.voice.asset_id", ValidationCodes.SystemAssetNotAllowed);
    }

    [Fact]
    public async Task R10_asset_the_caller_cannot_access_is_reported_as_missing()
    {
        // The lookup returns only what the caller may access: someone else's asset is simply absent.
        var result = await ValidateAsync(WithMusic(ReadyAudio.Id.ToString()), new FakeAssetLookup());

        result.SingleError("scenes[0].audio.music.asset_id", ValidationCodes.AssetNotFound);
    }

    [Fact]
    public async Task Uploads_are_looked_up_once_each_and_not_at_all_when_there_are_none()
    {
        var lookup = new FakeAssetLookup(ReadyAudio);
        await ValidateAsync(Welcome(), lookup);
        Assert.Empty(lookup.Calls);

        var spec = Welcome(s =>
        {
            s["scenes"]![0]!["audio"]!["music"]!["asset_id"] = ReadyAudio.Id.ToString();
            s["scenes"]![1]!["audio"]!["music"]!["asset_id"] = ReadyAudio.Id.ToString();
        });
        await ValidateAsync(spec, lookup);

        Assert.Equal([ReadyAudio.Id], Assert.Single(lookup.Calls));
    }

    [Fact]
    public async Task Deprecated_system_asset_is_valid_with_a_warning()
    {
        var catalog = new SystemAssetCatalog(SpecCatalog.Instance.All.Select(a =>
            a.Id == "asset_music_triumphant" ? a with { DeprecatedAt = DateTimeOffset.UnixEpoch } : a));

        var result = await new StoryboardValidator(catalog).ValidateAsync(Document(Welcome()), new FakeAssetLookup(), NoScope);

        Assert.True(result.Valid);
        result.HasWarning("scenes[1].audio.music.asset_id", ValidationCodes.SystemAssetDeprecated);
    }
}
