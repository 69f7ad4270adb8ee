using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Jobs;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Jobs;

public sealed class ScenePlanTests
{
    private static JsonElement Spec(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Scenes_play_by_order_then_by_array_index()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t", "scenes": [
              {"id": "c", "prompt": "C", "duration": 1},
              {"id": "a", "prompt": "A", "duration": 2, "order": 1},
              {"id": "b", "prompt": "B", "duration": 3, "order": 2}]}
            """));

        Assert.Equal(["a", "b", "c"], plan.Scenes.Select(s => s.Id));
        Assert.Equal(6, plan.TotalSeconds);
    }

    [Fact]
    public void The_timeline_decides_the_order_when_present()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t", "scenes": [{"id": "a", "prompt": "A", "duration": 1}, {"id": "b", "prompt": "B", "duration": 1}],
             "timeline": [{"scene": "b"}, {"transition": "fade"}, {"montage": {"scenes": ["a"]}}]}
            """));

        Assert.Equal(["b", "a"], plan.Scenes.Select(s => s.Id));
    }

    [Fact]
    public void Symbol_references_and_the_global_prompt_are_spelled_out()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t", "global_prompt": {"positive": "cinematic"},
             "symbols": {"hero": {"prompt": "a red fox"}},
             "scenes": [{"id": "a", "prompt": "@hero runs", "duration": 1}]}
            """));

        Assert.Equal("a red fox runs, cinematic", plan.Scenes[0].Prompt);
    }

    [Fact]
    public void Transitions_resolve_pair_keys_before_default_and_presets_by_name()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t", "transition_presets": {"soft": {"type": "dissolve", "duration": 0.8}},
             "transitions": {"default": "fade", "b->c": "soft"},
             "scenes": [{"id": "a", "prompt": "A", "duration": 1}, {"id": "b", "prompt": "B", "duration": 1}, {"id": "c", "prompt": "C", "duration": 1}]}
            """));

        Assert.Equal(new PlannedTransition("fade", null), plan.Scenes[0].TransitionToNext);
        Assert.Equal(new PlannedTransition("dissolve", 0.8), plan.Scenes[1].TransitionToNext);
        Assert.Null(plan.Scenes[2].TransitionToNext);
    }

    [Fact]
    public void Audio_is_placed_on_the_video_clock_global_beds_from_zero_scene_audio_at_its_scene_and_transition_sounds_at_the_junction()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t",
             "global_audio": {"music": {"asset_id": "asset_music_theme", "volume": 0.4, "loop": true, "fade_in": 1, "fade_out": 2}},
             "transitions": {"default": {"type": "fade", "duration": 0.5, "audio": {"asset_id": "asset_transition_swoosh", "volume": 0.6}}},
             "scenes": [
               {"id": "b", "prompt": "B", "duration": 3, "order": 2,
                "audio": {"ambient": {"asset_id": "asset_ambient_rain"},
                          "sfx": [{"asset_id": "asset_sfx_door", "start": 0.5, "volume": 0.8}, {"asset_id": "asset_sfx_bell"}]}},
               {"id": "a", "prompt": "A", "duration": 2, "order": 1}]}
            """));

        Assert.Equal([0.0, 2.0], plan.Scenes.Select(s => s.StartSeconds));
        Assert.Equal(
            [
                new PlannedAudio("asset_music_theme", 0, 0.4, true, 1, 2, 5),
                new PlannedAudio("asset_transition_swoosh", 2, 0.6, false, 0, 0, null),
                new PlannedAudio("asset_ambient_rain", 2, 1, false, 0, 0, 3),
                new PlannedAudio("asset_sfx_bell", 2, 1, false, 0, 0, null),
                new PlannedAudio("asset_sfx_door", 2.5, 0.8, false, 0, 0, null),
            ],
            plan.Audio.OrderBy(a => a.StartSeconds));
    }

    [Fact]
    public void A_scene_repeated_by_the_timeline_brings_its_sound_effects_each_time_it_plays()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t",
             "scenes": [{"id": "a", "prompt": "A", "duration": 2, "audio": {"sfx": [{"asset_id": "asset_sfx_knock", "start": 1}]}},
                        {"id": "b", "prompt": "B", "duration": 3}],
             "timeline": [{"scene": "a"}, {"scene": "b"}, {"flashback": {"scenes": ["a"]}}]}
            """));

        Assert.Equal([1.0, 6.0], plan.Audio.Select(a => a.StartSeconds));
    }

    [Fact]
    public void A_scene_gets_the_reference_images_of_the_symbols_its_prompt_mentions_in_mention_order()
    {
        var plan = ScenePlan.From(Spec("""
            {"title": "t",
             "symbols": {"hero": {"prompt": "a red fox", "reference_images": [{"id": "11111111-1111-1111-1111-111111111111"}, {"id": "22222222-2222-2222-2222-222222222222"}]},
                         "owl": {"prompt": "an owl", "reference_images": [{"id": "33333333-3333-3333-3333-333333333333"}]},
                         "moon": {"prompt": "the moon", "reference_images": [{"id": "44444444-4444-4444-4444-444444444444"}]}},
             "scenes": [{"id": "a", "prompt": "@owl watches @hero, then @owl flies", "duration": 1},
                        {"id": "b", "prompt": "an empty field", "duration": 1}]}
            """));

        Assert.Equal(["33333333-3333-3333-3333-333333333333", "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"],
            plan.Scenes[0].ImageAssetIds);
        Assert.Empty(plan.Scenes[1].ImageAssetIds);
        Assert.DoesNotContain("44444444-4444-4444-4444-444444444444", plan.AssetIds);
    }

    [Theory]
    [InlineData("@hero-2 runs", "a red fox-2 runs")]
    [InlineData("(@hero), @hero.", "(a red fox), a red fox.")]
    public async Task A_prompt_mention_names_the_symbol_the_validator_checked_and_is_spelled_out(string prompt, string expanded)
    {
        var spec = JsonNode.Parse("""
            {"title": "t", "symbols": {"hero": {"prompt": "a red fox"}, "hero_x": {"prompt": "a blue fox"}},
             "scenes": [{"id": "a", "prompt": "@hero_x waits", "duration": 1}, {"id": "b", "prompt": "", "duration": 1}]}
            """)!;
        spec["scenes"]![1]!["prompt"] = prompt;

        var result = await ValidateAsync(spec);
        var plan = ScenePlan.From(Spec(spec.ToJsonString()));

        Assert.True(result.Valid, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(expanded, plan.Scenes[1].Prompt);
    }
}
