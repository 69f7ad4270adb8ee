using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Tests.SystemAssets;
using static Framecast.Grains.Tests.Storyboards.StoryboardSamples;

namespace Framecast.Grains.Tests.Storyboards;

public class StoryboardDocumentTests
{
    private const string WelcomeYaml = """
        title: Welcome to Framecast
        global_prompt:
          positive: cinematic, first-person POV, warm lighting, celebratory atmosphere, high quality
          negative: blurry, distorted, low quality, dark, empty
        global_audio:
          ambient: { asset_id: asset_ambient_theater, volume: 0.2 }
        symbols:
          crowd:
            prompt: a cheering, clapping, diverse and friendly audience in colourful clothes
            negative: hostile, empty, sad
          stage:
            prompt: "a grand theatre stage: red curtains, spotlights, polished wooden floor"
            negative: dirty, broken, abandoned
        scenes:
          - id: entrance
            prompt: first-person walk down a backstage corridor toward bright stage lights, building anticipation, muffled sound of @crowd ahead, dramatic shadows
            duration: 5
            audio:
              sfx:
                - { asset_id: asset_sfx_footsteps, trigger: walking, volume: 0.6 }
              music: { asset_id: asset_music_anticipation, volume: 0.4, fade_in: 1.0 }
          - id: welcome
            prompt: first-person step onto @stage, brief spotlight glare, then @crowd standing, loud applause, confetti falling, celebratory warmth
            duration: 5
            audio:
              sfx:
                - { asset_id: asset_sfx_applause, start: 0.5, volume: 0.8 }
                - { asset_id: asset_sfx_confetti, start: 2.0, volume: 0.4 }
              music: { asset_id: asset_music_triumphant, volume: 0.7, fade_in: 0.5 }
        transitions:
          default: cut
          entrance->welcome:
            type: fade
            duration: 0.5
            audio: { asset_id: asset_transition_swoosh, volume: 0.5 }
        timeline: null
        """;

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("application/x-yaml")]
    [InlineData("text/yaml; charset=utf-8")]
    public void Yaml_becomes_the_same_json_tree_as_the_json_form(string contentType)
    {
        var fromYaml = StoryboardDocument.Parse(WelcomeYaml, contentType);
        var fromJson = StoryboardDocument.Parse(WelcomeStoryboard.Json, "application/json");

        Assert.True(JsonElement.DeepEquals(fromJson.Root, fromYaml.Root), fromYaml.Json);
    }

    [Fact]
    public async Task Yaml_and_json_of_the_same_invalid_storyboard_validate_identically()
    {
        var yaml = WelcomeYaml.Replace("duration: 5\n    audio:\n      sfx:\n        - { asset_id: asset_sfx_footsteps", "duration: 31\n    audio:\n      sfx:\n        - { asset_id: asset_sfx_nope")
            .Replace("@stage,", "@podium,");
        var json = WelcomeStoryboard.Json.Replace("\"duration\": 5,\n      \"audio\": {\n        \"sfx\": [ { \"asset_id\": \"asset_sfx_footsteps\"", "\"duration\": 31,\n      \"audio\": {\n        \"sfx\": [ { \"asset_id\": \"asset_sfx_nope\"")
            .Replace("@stage,", "@podium,");
        var validator = new StoryboardValidator(SpecCatalog.Instance);

        var fromYaml = await validator.ValidateAsync(StoryboardDocument.Parse(yaml, "application/yaml"), new FakeAssetLookup(), NoScope);
        var fromJson = await validator.ValidateAsync(StoryboardDocument.Parse(json, "application/json"), new FakeAssetLookup(), NoScope);

        Assert.Equal(3, fromJson.Errors.Count);
        Assert.Equal(Summarize(fromJson), Summarize(fromYaml));
    }

    [Fact]
    public void Yaml_plain_scalars_are_typed_and_quoted_ones_stay_text()
    {
        var document = StoryboardDocument.Parse("a: 5\nb: 0.25\nc: true\nd: ~\ne: '5'\nf: 1e3\ng: 0x10\nh: hello\ni: \"true\"", "application/yaml");

        Assert.Equal("""{"a":5,"b":0.25,"c":true,"d":null,"e":"5","f":1000,"g":16,"h":"hello","i":"true"}""", document.Json);
    }

    [Fact]
    public void Yaml_anchors_and_aliases_expand()
    {
        var document = StoryboardDocument.Parse("base: &m { asset_id: asset_music_tense, volume: 0.5 }\ncopy: *m", "application/yaml");

        Assert.True(JsonElement.DeepEquals(document.Root.GetProperty("base"), document.Root.GetProperty("copy")));
    }

    [Fact]
    public void Yaml_alias_bomb_is_refused_by_the_size_limit()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n"));

        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse(yaml, "application/yaml"));

        Assert.Equal(ErrorCodes.ValidationError, exception.Error);
    }

    [Fact]
    public void Malformed_json_is_a_validation_error_with_line_and_column()
    {
        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse("{\n  \"title\": \"x\",\n  \"scenes\": [ }\n}", "application/json"));

        Assert.Equal(ErrorCodes.ValidationError, exception.Error);
        Assert.Equal(3L, exception.Details!["line"]);
        Assert.Contains("line 3", exception.Message);
    }

    [Fact]
    public void Duplicate_json_keys_are_malformed()
    {
        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse("""{ "title": "a", "title": "b" }""", "application/json"));

        Assert.Equal(ErrorCodes.ValidationError, exception.Error);
    }

    [Theory]
    [InlineData("title: [unclosed\nscenes: []", 2)]
    [InlineData("title: \"open\nscenes: []", 1)]
    [InlineData("title: a\ntitle: b", 2)]
    [InlineData("title: a\n---\ntitle: b", 2)]
    public void Malformed_yaml_is_a_validation_error_with_its_line(string yaml, int line)
    {
        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse(yaml, "application/yaml"));

        Assert.Equal(ErrorCodes.ValidationError, exception.Error);
        Assert.Equal((long)line, exception.Details!["line"]);
    }

    [Fact]
    public void Empty_yaml_is_malformed()
    {
        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse("", "application/yaml"));

        Assert.Equal(ErrorCodes.ValidationError, exception.Error);
    }

    [Fact]
    public void Oversize_input_is_refused_before_parsing_as_spec_invalid_with_the_limit()
    {
        // Malformed as well as oversize: the size check must come first.
        var body = "{\"title\": \"" + new string('x', StoryboardDocument.MaxSizeBytes);

        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse(body, "application/json"));

        Assert.Equal(ErrorCodes.SpecInvalid, exception.Error);
        var errors = Assert.IsAssignableFrom<IReadOnlyList<ValidationIssue>>(exception.Details!["errors"]);
        var error = Assert.Single(errors);
        Assert.Equal(("", ValidationCodes.LimitExceeded, (decimal?)102_400), (error.Path, error.Code, error.Limit));
    }

    [Fact]
    public void Size_counts_utf8_bytes_not_characters()
    {
        // 40,000 three-byte characters: 120,000 bytes, under the limit in characters only.
        var body = $$"""{ "title": "{{new string('€', 40_000)}}", "scenes": [] }""";

        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse(body, "application/json"));

        Assert.Equal(ErrorCodes.SpecInvalid, exception.Error);
    }

    [Fact]
    public void Storyboard_of_exactly_the_limit_is_accepted()
    {
        const string prefix = "{ \"title\": \"";
        const string suffix = "\", \"scenes\": [] }";
        var body = prefix + new string('x', StoryboardDocument.MaxSizeBytes - prefix.Length - suffix.Length) + suffix;

        var document = StoryboardDocument.Parse(body, "application/json");

        Assert.Equal(StoryboardDocument.MaxSizeBytes, document.Json.Length);
    }

    [Fact]
    public void Wrapped_spec_is_measured_by_its_own_json()
    {
        using var body = JsonDocument.Parse($$"""{ "spec": {{WelcomeStoryboard.Json}}, "owner": "framecast:user:x" }""");

        var document = StoryboardDocument.FromJson(body.RootElement.GetProperty("spec"));

        Assert.Equal("Welcome to Framecast", document.Root.GetProperty("title").GetString());
    }

    [Fact]
    public void Unsupported_content_type_is_refused()
    {
        var exception = Assert.Throws<DomainException>(() => StoryboardDocument.Parse("<storyboard/>", "application/xml"));

        Assert.Equal(ErrorCodes.UnsupportedMediaType, exception.Error);
    }

    [Fact]
    public void Validation_result_serializes_with_the_spec_field_names()
    {
        var issue = new ValidationIssue("timeline[0].scene", ValidationCodes.SceneNotFound, "Scene 'escape' is not defined")
            { Value = "escape", ValidValues = ["discovery", "chase"] };
        var result = new ValidationResult([issue], [new ValidationIssue("scenes[2].duration", ValidationCodes.LongScene, "long")]);

        var json = JsonSerializer.Serialize(result, new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });

        Assert.Equal(
            """{"errors":[{"path":"timeline[0].scene","code":"SCENE_NOT_FOUND","message":"Scene 'escape' is not defined","value":"escape","valid_values":["discovery","chase"]}],"warnings":[{"path":"scenes[2].duration","code":"LONG_SCENE","message":"long"}],"valid":false}""",
            json);
    }

    private static string[] Summarize(ValidationResult result) =>
        [.. result.Errors.Concat(result.Warnings).Select(i => $"{i.Path} {i.Code} {i.Value}")];
}
