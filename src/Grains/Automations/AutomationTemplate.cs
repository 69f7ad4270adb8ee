using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>
/// The <c>{{…}}</c> placeholders of an automation's storyboard and variables. Only string values are templated (never
/// keys); a string that is exactly one placeholder takes the value's own JSON type, so a number in a payload can be a
/// scene's duration. Which names are valid depends on the trigger: <c>trigger.time</c> always, <c>trigger.payload.*</c>
/// for webhook automations (and their manual runs), <c>trigger.asset.*</c> for asset_upload ones, <c>variables.NAME</c>
/// for declared names (not inside the variables themselves, so substitution never recurses).
/// </summary>
public static partial class AutomationTemplate
{
    public static readonly IReadOnlyList<string> AssetFields = ["id", "url", "filename", "content_type"];

    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^trigger\.payload(\.[A-Za-z0-9_\-]+)+$")]
    private static partial Regex PayloadPath();

    /// <summary>Every placeholder name in the string values of <paramref name="json"/>, in document order, once each.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(JsonElement json)
    {
        var found = new List<string>();
        Collect(json, found);
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> PlaceholdersIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    private static void Collect(JsonElement json, List<string> found)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    Collect(property.Value, found);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    Collect(item, found);
                }
                break;
            case JsonValueKind.String:
                found.AddRange(PlaceholdersIn(json.GetString()!));
                break;
        }
    }

    /// <summary>Null when <paramref name="name"/> may be used by an automation of <paramref name="trigger"/>; otherwise why not.</summary>
    public static string? Refusal(string name, AutomationTriggerType trigger, IReadOnlyCollection<string> declared, bool inVariables)
    {
        if (name == "trigger.time")
        {
            return null;
        }
        if (name.StartsWith("trigger.payload", StringComparison.Ordinal))
        {
            return !PayloadPath().IsMatch(name) ? "a payload placeholder names a path: trigger.payload.field(.field…)"
                : trigger == AutomationTriggerType.Webhook ? null
                : "trigger.payload is only set for webhook automations";
        }
        if (name.StartsWith("trigger.asset", StringComparison.Ordinal))
        {
            return !AssetFields.Any(f => name == "trigger.asset." + f) ? "trigger.asset has id, url, filename and content_type"
                : trigger == AutomationTriggerType.AssetUpload ? null
                : "trigger.asset is only set for asset_upload automations";
        }
        if (name.StartsWith("variables.", StringComparison.Ordinal))
        {
            return inVariables ? "variables cannot refer to other variables"
                : declared.Contains(name["variables.".Length..]) ? null
                : "no such variable is declared";
        }
        return "unknown placeholder (use trigger.time, trigger.payload.*, trigger.asset.* or variables.NAME)";
    }

    /// <summary>The storyboard with every placeholder replaced.</summary>
    /// <exception cref="MissingTemplateValueException">A placeholder has no value in this firing.</exception>
    public static JsonElement Render(JsonElement spec, TemplateContext context)
    {
        // Variables first: their own placeholders may only read the trigger.
        var variables = context.Variables.ToDictionary(v => v.Key, v => Substitute(v.Value, context, null), StringComparer.Ordinal);
        var rendered = JsonNode.Parse(spec.GetRawText());
        Walk(rendered, context, variables);
        return JsonSerializer.SerializeToElement(rendered);
    }

    /// <summary>Replaces string values in place; containers are walked, never re-attached (a node has one parent).</summary>
    private static void Walk(JsonNode? node, TemplateContext context, IReadOnlyDictionary<string, JsonElement> variables)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (IsString(obj[key]))
                    {
                        obj[key] = Replacement(obj[key]!, context, variables);
                    }
                    else
                    {
                        Walk(obj[key], context, variables);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsString(array[i]))
                    {
                        array[i] = Replacement(array[i]!, context, variables);
                    }
                    else
                    {
                        Walk(array[i], context, variables);
                    }
                }
                break;
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    private static JsonNode? Replacement(JsonNode node, TemplateContext context, IReadOnlyDictionary<string, JsonElement> variables) =>
        JsonNode.Parse(Substitute(node.GetValue<string>(), context, variables).GetRawText());

    /// <summary>A string with its placeholders replaced: the value itself when the string is exactly one placeholder.</summary>
    private static JsonElement Substitute(string text, TemplateContext context, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var matches = Placeholder().Matches(text);
        if (matches.Count == 0)
        {
            return JsonSerializer.SerializeToElement(text);
        }
        if (matches.Count == 1 && matches[0].Value == text)
        {
            return Resolve(matches[0].Groups[1].Value, context, variables);
        }
        var replaced = Placeholder().Replace(text, m =>
        {
            var value = Resolve(m.Groups[1].Value, context, variables);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        });
        return JsonSerializer.SerializeToElement(replaced);
    }

    private static JsonElement Resolve(string name, TemplateContext context, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        JsonElement? value = name switch
        {
            "trigger.time" => JsonSerializer.SerializeToElement(
                context.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            _ when name.StartsWith("trigger.payload.", StringComparison.Ordinal) => Navigate(context.Payload, name["trigger.payload.".Length..].Split('.')),
            _ when name.StartsWith("trigger.asset.", StringComparison.Ordinal) && context.Asset is { } asset => name["trigger.asset.".Length..] switch
            {
                "id" => JsonSerializer.SerializeToElement(asset.Id),
                "url" => JsonSerializer.SerializeToElement(asset.Url),
                "filename" => JsonSerializer.SerializeToElement(asset.Filename),
                "content_type" => JsonSerializer.SerializeToElement(asset.ContentType),
                _ => null,
            },
            _ when name.StartsWith("variables.", StringComparison.Ordinal) && variables is not null
                && variables.TryGetValue(name["variables.".Length..], out var variable) => variable,
            _ => null,
        };
        return value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } found
            ? found
            : throw new MissingTemplateValueException(name);
    }

    private static JsonElement? Navigate(JsonElement? from, string[] path)
    {
        var current = from;
        foreach (var step in path)
        {
            current = current switch
            {
                { ValueKind: JsonValueKind.Object } obj when obj.TryGetProperty(step, out var next) => next,
                { ValueKind: JsonValueKind.Array } array when int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < array.GetArrayLength() => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }
}
