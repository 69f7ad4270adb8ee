using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>Spec 06 §3.8: warnings never make a spec invalid.</summary>
public class StoryboardWarningTests
{
    [Fact]
    public async Task Scene_longer_than_ten_seconds_warns_about_quality()
    {
        var result = await ValidateAsync(Minimal(Scene("a", 12), Scene("b", 10)));

        Assert.True(result.Valid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("scenes[0].duration", ValidationCodes.LongScene), (warning.Path, warning.Code));
    }

    [Fact]
    public async Task Scene_left_out_of_a_timeline_is_unused()
    {
        var result = await ValidateAsync(Welcome(s => s["timeline"] = new JsonArray(new JsonObject { ["scene"] = "welcome" })));

        Assert.True(result.Valid);
        result.HasWarning("scenes[0]", ValidationCodes.SceneUnused);
    }

    [Fact]
    public async Task Scene_played_in_a_flashback_is_used()
    {
        var timeline = new JsonArray(
            new JsonObject { ["scene"] = "welcome" },
            new JsonObject { ["flashback"] = new JsonObject { ["scenes"] = new JsonArray("entrance") } });

        var result = await ValidateAsync(Welcome(s => s["timeline"] = timeline));

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Symbol_never_mentioned_is_unused()
    {
        var result = await ValidateAsync(Welcome(s => s["symbols"]!["band"] = new JsonObject { ["prompt"] = "a brass band" }));

        Assert.True(result.Valid);
        result.HasWarning("symbols.band", ValidationCodes.SymbolUnused);
    }
}
