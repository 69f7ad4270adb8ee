using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// A remix's overrides: an RFC 7386 JSON merge patch of a storyboard. Objects merge key by key and <c>null</c> removes
/// a key. One addition, because a storyboard's lists are lists of things with ids: where the storyboard has an array of
/// objects with an <c>id</c> (scenes, symbols, audio, timeline entries), an object in the patch merges into the elements
/// by id — <c>{"scenes": {"s2": {"prompt": "…"}}}</c> changes one prompt and leaves the other scenes be; <c>null</c>
/// removes that element. An array in the patch still replaces the whole array, as the RFC says.
/// </summary>
public static class StoryboardMergePatch
{
    public static JsonElement Apply(JsonElement storyboard, JsonElement patch)
    {
        var merged = Merge(JsonNode.Parse(storyboard.GetRawText()), patch, "overrides");
        return JsonSerializer.SerializeToElement(merged);
    }

    private static JsonNode? Merge(JsonNode? target, JsonElement patch, string path)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(patch.GetRawText());
        }
        if (target is JsonArray array && IsIdentified(array))
        {
            return MergeById(array, patch, path);
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var property in patch.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(property.Name);
                continue;
            }
            result[property.Name] = Merge(result[property.Name]?.DeepClone(), property.Value, $"{path}.{property.Name}");
        }
        return result;
    }

    private static JsonArray MergeById(JsonArray elements, JsonElement patch, string path)
    {
        var byId = elements.Select(e => e!.AsObject()).ToList();
        foreach (var property in patch.EnumerateObject())
        {
            var index = byId.FindIndex(e => (string?)e["id"] == property.Name);
            if (index < 0)
            {
                throw new DomainException(ErrorCodes.ValidationError, $"{path} names '{property.Name}', which the storyboard does not have.",
                    new Dictionary<string, object?> { ["field"] = $"{path}.{property.Name}" });
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                byId.RemoveAt(index);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                byId[index] = Merge(byId[index].DeepClone(), property.Value, $"{path}.{property.Name}")!.AsObject();
            }
            else
            {
                throw new DomainException(ErrorCodes.ValidationError, $"{path}.{property.Name} must be an object or null.",
                    new Dictionary<string, object?> { ["field"] = $"{path}.{property.Name}" });
            }
        }
        return new JsonArray(byId.Select(e => (JsonNode)e.DeepClone()).ToArray());
    }

    private static bool IsIdentified(JsonArray array) =>
        array.Count > 0 && array.All(e => e is JsonObject o && o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String);
}
