using System.Text.Json;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// Lenient reads of a spec tree for the rules that run after the schema: a value of the wrong type reads as absent,
/// because the schema has already reported it and one mistake should give one error.
/// </summary>
internal static class SpecJson
{
    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null
            ? child
            : null;

    public static string? StringOf(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static decimal? NumberOf(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    public static bool IsNonEmptyArray(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0;

    /// <summary>The items of an array-valued property, with their index; none when absent or not an array.</summary>
    public static IEnumerable<(JsonElement Item, int Index)> ItemsOf(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select((item, index) => (item, index))
            : [];

    /// <summary>The entries of a map-valued property; none when absent or not an object.</summary>
    public static IEnumerable<JsonProperty> EntriesOf(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject() : [];
}
