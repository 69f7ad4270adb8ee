using System.Text.Json;
using Framecast.Grains.Jobs;

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
}
