using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>The formula of spec/pricing.md, with its default constants.</summary>
public class StoryboardEstimatorTests
{
    private static readonly StoryboardEstimator Estimator = new();

    [Fact]
    public void Two_three_two_second_storyboard_costs_seven_credits_and_170_seconds()
    {
        var spec = Minimal(Scene("a", 2), Scene("b", 3), Scene("c", 2));

        var estimate = Estimator.Estimate(Document(spec));

        Assert.Equal(7m, estimate.EstimatedDurationSeconds);
        Assert.Equal(7, estimate.EstimatedCredits);
        // 30 s overhead + 7 s × 20.
        Assert.Equal(170, estimate.EstimatedGenerationTimeSeconds);
        Assert.Equal([new SceneEstimate("a", 2, 2), new SceneEstimate("b", 3, 3), new SceneEstimate("c", 2, 2)], estimate.Scenes);
        Assert.Empty(estimate.Warnings);
    }

    [Fact]
    public void Fractional_seconds_round_up_per_scene()
    {
        var estimate = Estimator.Estimate(Document(Minimal(Scene("a", 2.5), Scene("b", 1.2))));

        Assert.Equal([3, 2], estimate.Scenes.Select(s => s.Credits));
        Assert.Equal(5, estimate.EstimatedCredits);
        Assert.Equal(3.7m, estimate.EstimatedDurationSeconds);
    }

    [Fact]
    public void Dialogue_lines_add_their_surcharge_to_their_scene()
    {
        var scene = Scene("talk", 4);
        scene["audio"] = new JsonObject { ["dialogue"] = new JsonArray(new JsonObject { ["text"] = "Hi" }, new JsonObject { ["text"] = "Bye" }) };

        var estimate = Estimator.Estimate(Document(Minimal(scene)));

        Assert.Equal(6, estimate.EstimatedCredits);
    }

    [Fact]
    public void Rates_come_from_the_pricing_options()
    {
        var estimator = new StoryboardEstimator(new PricingOptions { CreditsPerSecond = 2.5m, GenerationOverheadSeconds = 0, GenerationSecondsPerVideoSecond = 1.5m });

        var estimate = estimator.Estimate(Document(Minimal(Scene("a", 2), Scene("b", 3))));

        Assert.Equal(5 + 8, estimate.EstimatedCredits);
        Assert.Equal(8, estimate.EstimatedGenerationTimeSeconds);
    }

    [Fact]
    public void Second_worked_example_of_the_pricing_document_holds()
    {
        var talk = Scene("talk", 4);
        talk["audio"] = new JsonObject { ["dialogue"] = new JsonArray(new JsonObject { ["text"] = "Hi" }, new JsonObject { ["text"] = "Bye" }) };
        var estimator = new StoryboardEstimator(new PricingOptions { CreditsPerSecond = 2 });

        var estimate = estimator.Estimate(Document(Minimal(Scene("intro", 2.5), talk)));

        Assert.Equal([5, 10], estimate.Scenes.Select(s => s.Credits));
        Assert.Equal((15, 6.5m, 160), (estimate.EstimatedCredits, estimate.EstimatedDurationSeconds, estimate.EstimatedGenerationTimeSeconds));
    }

    [Fact]
    public void Welcome_spec_costs_ten_credits()
    {
        var estimate = Estimator.Estimate(Document(Welcome()));

        Assert.Equal((10m, 10, 230), (estimate.EstimatedDurationSeconds, estimate.EstimatedCredits, estimate.EstimatedGenerationTimeSeconds));
    }

    [Fact]
    public void Timeline_sets_the_video_length_but_not_the_credits()
    {
        var spec = Minimal(Scene("a", 2), Scene("b", 3), Scene("c", 2));
        spec["timeline"] = new JsonArray(
            new JsonObject { ["scene"] = "a" },
            new JsonObject { ["scene"] = "b" },
            new JsonObject { ["flashback"] = new JsonObject { ["scenes"] = new JsonArray("a") } });

        var estimate = Estimator.Estimate(Document(spec));

        Assert.Equal(7m, estimate.EstimatedDurationSeconds);
        Assert.Equal(7, estimate.EstimatedCredits);
    }

    [Fact]
    public void Balance_below_the_estimate_adds_a_warning()
    {
        var estimate = Estimator.Estimate(Document(Minimal(Scene("a", 5))), availableCredits: 3);

        Assert.Contains("3", Assert.Single(estimate.Warnings).Message);
    }

    [Fact]
    public void Unvalidated_storyboard_cannot_be_estimated()
    {
        Assert.Throws<ArgumentException>(() => Estimator.Estimate(Document(new JsonObject { ["title"] = "t" })));
    }
}
