using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>The limits and shapes of spec 06 §3.1–§3.4 and §3.7 that the JSON Schema carries.</summary>
public class StoryboardSchemaRuleTests
{
    [Fact]
    public async Task Welcome_spec_validates_without_errors_or_warnings()
    {
        var result = await ValidateAsync(Welcome());

        Assert.True(result.Valid);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Missing_title_is_required()
    {
        var result = await ValidateAsync(Welcome(s => s.Remove("title")));

        result.SingleError("title", ValidationCodes.Required);
    }

    [Fact]
    public async Task Title_that_is_not_a_string_is_a_type_error()
    {
        var result = await ValidateAsync(Welcome(s => s["title"] = 42));

        var error = result.SingleError("title", ValidationCodes.InvalidType);
        Assert.Equal("42", error.Value!.ToString());
    }

    [Fact]
    public async Task Root_that_is_not_an_object_is_a_type_error_at_the_root()
    {
        var result = await ValidateAsync(new JsonArray());

        result.SingleError("", ValidationCodes.InvalidType);
    }

    [Fact]
    public async Task Empty_scenes_need_at_least_one_scene()
    {
        var result = await ValidateAsync(Minimal());

        result.SingleError("scenes", ValidationCodes.TooFew);
    }

    [Fact]
    public async Task Missing_scenes_are_required()
    {
        var result = await ValidateAsync(new JsonObject { ["title"] = "t" });

        result.SingleError("scenes", ValidationCodes.Required);
    }

    [Fact]
    public async Task More_than_fifty_scenes_exceed_the_limit()
    {
        var scenes = Enumerable.Range(0, 51).Select(i => Scene($"s{i}", 1)).ToArray();

        var result = await ValidateAsync(Minimal(scenes));

        var error = result.SingleError("scenes", ValidationCodes.LimitExceeded);
        Assert.Equal((51, 50m), ((int)error.Value!, error.Limit));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("prompt")]
    [InlineData("duration")]
    public async Task Scene_without_a_required_field_is_reported_at_that_field(string field)
    {
        var result = await ValidateAsync(Welcome(s => s["scenes"]![1]!.AsObject().Remove(field)));

        Assert.Contains(result.Errors, e => e.Path == $"scenes[1].{field}" && e.Code == ValidationCodes.Required);
    }

    [Fact]
    public async Task Scene_duration_given_as_text_is_a_type_error()
    {
        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["duration"] = "5"));

        result.SingleError("scenes[0].duration", ValidationCodes.InvalidType);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(30.5, 30)]
    public async Task Scene_duration_outside_one_to_thirty_is_out_of_range(double duration, int limit)
    {
        var result = await ValidateAsync(Minimal(Scene("a", duration)));

        var error = result.HasError("scenes[0].duration", ValidationCodes.OutOfRange);
        Assert.Equal(limit, error.Limit);
    }

    [Fact]
    public async Task Scene_prompt_over_2000_characters_exceeds_the_limit()
    {
        var result = await ValidateAsync(Minimal(Scene("a", 2, new string('x', 2001))));

        var error = result.SingleError("scenes[0].prompt", ValidationCodes.LimitExceeded);
        Assert.Equal(2000, error.Limit);
    }

    [Fact]
    public async Task Prompt_length_counts_characters_not_utf16_units()
    {
        // 2000 emoji are 4000 UTF-16 units but 2000 characters.
        var prompt = string.Concat(Enumerable.Repeat("🎬", 2000));

        var result = await ValidateAsync(Minimal(Scene("a", 2, prompt)));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task Symbol_prompt_over_1000_characters_exceeds_the_limit()
    {
        var result = await ValidateAsync(Welcome(s => s["symbols"]!["crowd"]!["prompt"] = new string('x', 1001)));

        result.SingleError("symbols.crowd.prompt", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task Symbol_without_prompt_is_required()
    {
        var result = await ValidateAsync(Welcome(s => s["symbols"]!["crowd"]!.AsObject().Remove("prompt")));

        result.SingleError("symbols.crowd.prompt", ValidationCodes.Required);
    }

    [Fact]
    public async Task More_than_twenty_symbols_exceed_the_limit()
    {
        var result = await ValidateAsync(Welcome(s =>
        {
            for (var i = 0; i < 19; i++)
                s["symbols"]![$"extra{i}"] = new JsonObject { ["prompt"] = "p" };
        }));

        result.HasError("symbols", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task More_than_twenty_transition_presets_exceed_the_limit()
    {
        var presets = new JsonObject();
        for (var i = 0; i < 21; i++)
            presets[$"p{i}"] = new JsonObject { ["type"] = "cut" };

        var result = await ValidateAsync(Welcome(s => s["transition_presets"] = presets));

        result.SingleError("transition_presets", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task More_than_hundred_timeline_items_exceed_the_limit()
    {
        var timeline = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["scene"] = i % 2 == 0 ? "entrance" : "welcome" })]);

        var result = await ValidateAsync(Welcome(s => s["timeline"] = timeline));

        result.SingleError("timeline", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task More_than_ten_sfx_in_a_scene_exceed_the_limit()
    {
        var sfx = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["asset_id"] = "asset_sfx_pop" })]);

        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["sfx"] = sfx));

        result.SingleError("scenes[0].audio.sfx", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task More_than_five_dialogue_lines_in_a_scene_exceed_the_limit()
    {
        var lines = new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)new JsonObject { ["text"] = "hello" })]);

        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[0].audio.dialogue", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task Dialogue_text_over_500_characters_exceeds_the_limit()
    {
        var lines = new JsonArray(new JsonObject { ["text"] = new string('x', 501) });

        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[0].audio.dialogue[0].text", ValidationCodes.LimitExceeded);
    }

    [Fact]
    public async Task Dialogue_without_text_is_required()
    {
        var lines = new JsonArray(new JsonObject { ["start"] = 1 });

        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[0].audio.dialogue[0].text", ValidationCodes.Required);
    }

    [Theory]
    [InlineData("global_audio.ambient.volume")]
    [InlineData("scenes[0].audio.music.volume")]
    [InlineData("scenes[0].audio.sfx[0].volume")]
    [InlineData("transitions[\"entrance->welcome\"].audio.volume")]
    public async Task Volume_above_one_is_out_of_range_wherever_it_is(string path)
    {
        var spec = Welcome();
        Set(spec, path, 1.5);

        var result = await ValidateAsync(spec);

        var error = result.SingleError(path, ValidationCodes.OutOfRange);
        Assert.Equal(1m, error.Limit);
    }

    [Fact]
    public async Task Negative_dialogue_volume_is_out_of_range()
    {
        var lines = new JsonArray(new JsonObject { ["text"] = "hi", ["volume"] = -0.1 });

        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["dialogue"] = lines));

        result.SingleError("scenes[0].audio.dialogue[0].volume", ValidationCodes.OutOfRange);
    }

    [Fact]
    public async Task Null_volume_means_absent()
    {
        var result = await ValidateAsync(Welcome(s => s["global_audio"]!["ambient"]!["volume"] = null));

        Assert.True(result.Valid);
    }

    [Fact]
    public async Task Reference_image_weight_above_one_is_out_of_range()
    {
        var images = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["weight"] = 2 });

        var result = await ValidateAsync(Welcome(s => s["symbols"]!["crowd"]!["reference_images"] = images));

        result.HasError("symbols.crowd.reference_images[0].weight", ValidationCodes.OutOfRange);
    }

    [Fact]
    public async Task Negative_fade_in_is_out_of_range()
    {
        var result = await ValidateAsync(Welcome(s => s["scenes"]![0]!["audio"]!["music"]!["fade_in"] = -1));

        result.SingleError("scenes[0].audio.music.fade_in", ValidationCodes.OutOfRange);
    }

    [Fact]
    public async Task Transition_type_outside_the_enum_lists_the_valid_types()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["entrance->welcome"]!["type"] = "spin"));

        var error = result.SingleError("transitions[\"entrance->welcome\"].type", ValidationCodes.InvalidValue);
        Assert.Contains("dissolve", error.ValidValues!);
    }

    [Fact]
    public async Task Transition_duration_of_zero_is_out_of_range()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["entrance->welcome"]!["duration"] = 0));

        result.SingleError("transitions[\"entrance->welcome\"].duration", ValidationCodes.OutOfRange);
    }

    [Fact]
    public async Task Transition_definition_without_type_is_required()
    {
        var result = await ValidateAsync(Welcome(s => s["transitions"]!["entrance->welcome"]!.AsObject().Remove("type")));

        result.SingleError("transitions[\"entrance->welcome\"].type", ValidationCodes.Required);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "scene": "entrance", "transition": "cut" }""")]
    [InlineData("""{ "pace": "fast" }""")]
    public async Task Timeline_element_without_exactly_one_shape_is_invalid(string element)
    {
        var timeline = new JsonArray(JsonNode.Parse(element));
        var presets = new JsonObject { ["cut"] = new JsonObject { ["type"] = "cut" } };

        var result = await ValidateAsync(Welcome(s => { s["timeline"] = timeline; s["transition_presets"] = presets; }));

        result.HasError("timeline[0]", ValidationCodes.TimelineElementInvalid);
    }

    [Fact]
    public async Task Every_error_is_reported_not_only_the_first()
    {
        var result = await ValidateAsync(Welcome(s =>
        {
            s.Remove("title");
            s["scenes"]![0]!["duration"] = 99;
            s["scenes"]![1]!["audio"]!["music"]!["volume"] = 3;
        }));

        Assert.Equal(
            new[] { "scenes[0].duration", "scenes[1].audio.music.volume", "title" },
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    /// <summary>Sets a value by a simple spec path (dots, [n] and ["key"]).</summary>
    private static void Set(JsonObject spec, string path, JsonNode value)
    {
        var segments = System.Text.RegularExpressions.Regex.Matches(path, @"\[""(?<k>[^""]+)""\]|\[(?<i>\d+)\]|(?<k>[^.\[\]]+)");
        JsonNode node = spec;
        for (var n = 0; n < segments.Count; n++)
        {
            var segment = segments[n];
            var last = n == segments.Count - 1;
            if (segment.Groups["i"].Success)
            {
                var index = int.Parse(segment.Groups["i"].Value);
                if (last) node[index] = value; else node = node[index]!;
            }
            else
            {
                var key = segment.Groups["k"].Value;
                if (last) node[key] = value; else node = node[key]!;
            }
        }
    }
}
