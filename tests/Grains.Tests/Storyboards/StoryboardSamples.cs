using System.Text.Json.Nodes;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Tests.SystemAssets;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>Storyboards for the tests: the welcome spec, edited in place per test.</summary>
internal static class StoryboardSamples
{
    public static JsonObject Welcome() => JsonNode.Parse(WelcomeStoryboard.Json)!.AsObject();

    public static JsonObject Welcome(Action<JsonObject> edit)
    {
        var spec = Welcome();
        edit(spec);
        return spec;
    }

    public static JsonObject Scene(string id, double duration, string prompt = "a quiet street") =>
        new() { ["id"] = id, ["prompt"] = prompt, ["duration"] = duration };

    /// <summary>A spec with just the given scenes: no audio, no symbols, no assets.</summary>
    public static JsonObject Minimal(params JsonObject[] scenes) =>
        new() { ["title"] = "Minimal", ["scenes"] = new JsonArray([.. scenes]) };

    public static StoryboardDocument Document(JsonNode spec) => StoryboardDocument.Parse(spec.ToJsonString(), "application/json");

    /// <summary>The fake lookup ignores the scope: what it holds is what the caller may access.</summary>
    public static AssetLookupScope NoScope { get; } = new(Array.Empty<Framecast.Grains.Abstractions.Accounts.OwnerUrn>());

    public static Task<ValidationResult> ValidateAsync(JsonNode spec, IStoryboardAssetLookup? assets = null) =>
        new StoryboardValidator(SpecCatalog.Instance).ValidateAsync(Document(spec), assets ?? new FakeAssetLookup(), NoScope);
}
