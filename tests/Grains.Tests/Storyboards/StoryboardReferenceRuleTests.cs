using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>Spec 06 §3.5 R1–R7, the duration total and duplicate ids: the rules a schema cannot say.</summary>
public class StoryboardReferenceRuleTests
{
    private static JsonObject WithTimeline(params string[] elements) =>
        Welcome(s => s["timeline"] = new JsonArray([.. elements.Select(e => JsonNode.Parse(e))]));

    [Fact]
    public async Task Duplicate_scene_id_is_reported_at_the_second_scene()
    {
        var result = await ValidateAsync(Minimal(Scene("a", 2), Scene("a", 3)));

        var error = result.SingleError("scenes[1].id", ValidationCodes.DuplicateSceneId);
        Assert.Equal("a", error.Value);
    }

    [Fact]
    public async Task Scenes_over_300_seconds_in_total_exceed_the_limit()
    {
        var scenes = Enumerable.Range(0, 11).Select(i => Scene($"s{i}", 28)).ToArray();

        var result = await ValidateAsync(Minimal(scenes));

        var error = result.SingleError("scenes", ValidationCodes.LimitExceeded);
        Assert.Equal((308m, 300m), ((decimal)error.Value!, error.Limit));
    }

    [Fact]
    public async Task Scenes_of_exactly_300_seconds_are_valid()
    {
        var scenes = Enumerable.Range(0, 10).Select(i => Scene($"s{i}", 10)).ToArray();

        var result = await ValidateAsync(Minimal(scenes));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task R1_timeline_scene_must_be_a_scene_id()
    {
        var result = await ValidateAsync(WithTimeline("""{ "scene": "entrance" }""", """{ "scene": "welcome" }""", """{ "scene": "escape" }"""));

        var error = result.SingleError("timeline[2].scene", ValidationCodes.SceneNotFound);
        Assert.Equal("escape", error.Value);
        Assert.Equal(["entrance", "welcome"], error.ValidValues!);
    }

    [Fact]
    public async Task R2_timeline_transition_by_name_must_be_a_preset()
    {
        var result = await ValidateAsync(WithTimeline("""{ "scene": "entrance" }""", """{ "transition": "smooth" }""", """{ "scene": "welcome" }"""));

        result.SingleError("timeline[1].transition", ValidationCodes.TransitionPresetNotFound);
    }

    [Fact]
    public async Task R2_timeline_transition_naming_a_preset_is_valid()
    {
        var spec = WithTimeline("""{ "scene": "entrance" }""", """{ "transition": "smooth" }""", """{ "scene": "welcome" }""");
        spec["transition_presets"] = new JsonObject { ["smooth"] = new JsonObject { ["type"] = "dissolve", ["duration"] = 1 } };

        var result = await ValidateAsync(spec);

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task R3_flashback_scenes_must_be_scene_ids()
    {
        var result = await ValidateAsync(WithTimeline(
            """{ "scene": "entrance" }""", """{ "scene": "welcome" }""",
            """{ "flashback": { "scenes": ["entrance", "dream"], "treatment": { "desaturate": 0.5, "vignette": true } } }"""));

        result.SingleError("timeline[2].flashback.scenes[1]", ValidationCodes.SceneNotFound);
    }

    [Fact]
    public async Task R4_montage_scenes_must_be_scene_ids()
    {
        var result = await ValidateAsync(WithTimeline("""{ "montage": { "scenes": ["welcome", "entrance", "party"], "pace": "fast" } }"""));

        result.SingleError("timeline[0].montage.scenes[2]", ValidationCodes.SceneNotFound);
    }

    [Fact]
    public async Task Montage_transition_by_name_must_be_a_preset()
    {
        var result = await ValidateAsync(WithTimeline("""{ "montage": { "scenes": ["welcome", "entrance"], "transition": "zip" } }"""));

        result.SingleError("timeline[0].montage.transition", ValidationCodes.TransitionPresetNotFound);
    }

    [Fact]
    public async Task R5_transitions_key_must_be_default_or_a_scene_pair()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["between"] = "cut"));

        result.SingleError("transitions.between", ValidationCodes.TransitionKeyInvalid);
    }

    [Fact]
    public async Task R5_transitions_key_must_name_existing_scenes()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["welcome->finale"] = "fade"));

        var error = result.SingleError("transitions[\"welcome->finale\"]", ValidationCodes.SceneNotFound);
        Assert.Equal("finale", error.Value);
    }

    [Fact]
    public async Task Transitions_map_string_must_be_a_preset_or_built_in_type()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["default"] = "sparkle"));

        result.SingleError("transitions.default", ValidationCodes.TransitionPresetNotFound);
    }

    [Fact]
    public async Task R6_symbol_mentioned_in_a_prompt_must_be_defined()
    {
        var result = await ValidateAsync(Welcome(s => s["scenes"]![1]!["prompt"] = "@stage with @crowd and @band"));

        var error = result.SingleError("scenes[1].prompt", ValidationCodes.SymbolNotFound);
        Assert.Equal("band", error.Value);
        Assert.Equal(["crowd", "stage"], error.ValidValues!);
    }

    [Fact]
    public async Task R7_dialogue_speaker_must_be_a_symbol()
    {
        var lines = new JsonArray(new JsonObject { ["speaker"] = "host", ["text"] = "Welcome!" });

        var result = await ValidateAsync(Welcome(s => s["scenes"]![1]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[1].audio.dialogue[0].speaker", ValidationCodes.SpeakerNotFound);
    }

    [Fact]
    public async Task R7_dialogue_speaker_symbol_must_have_a_voice()
    {
        var lines = new JsonArray(new JsonObject { ["speaker"] = "crowd", ["text"] = "Hooray!" });

        var result = await ValidateAsync(Welcome(s => s["scenes"]![1]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[1].audio.dialogue[0].speaker", ValidationCodes.SpeakerWithoutVoice);
    }

    [Fact]
    public async Task R7_dialogue_speaker_with_a_ready_voice_sample_is_valid()
    {
        var voice = new StoryboardAssetInfo(Guid.NewGuid(), "audio/wav", "ready");
        var spec = Welcome(s =>
        {
            s["symbols"]!["crowd"]!["voice"] = new JsonObject { ["asset_id"] = voice.Id.ToString() };
            s["scenes"]![1]!["audio"]!["dialogue"] = new JsonArray(new JsonObject { ["speaker"] = "crowd", ["text"] = "Hooray!", ["start"] = 1 });
        });

        var result = await ValidateAsync(spec, new FakeAssetLookup(voice));

        Assert.True(result.Valid);
    }
}
