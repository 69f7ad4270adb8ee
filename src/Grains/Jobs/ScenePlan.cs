using System.Text.Json;
using System.Text.RegularExpressions;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The order in which a storyboard's scenes play and what each one asks the worker for: its prompt
/// with the global prompt and `@symbol` references spelled out, its duration, and the transition
/// into the next scene. The timeline, when present, decides the order; otherwise `order`, then the
/// array index (spec 06 §1.3).
/// </summary>
public sealed partial record ScenePlan(IReadOnlyList<PlannedScene> Scenes)
{
    public double TotalSeconds => Scenes.Sum(s => s.DurationSeconds);

    public static ScenePlan From(JsonElement spec)
    {
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var declared = new List<(JsonElement Scene, int Index)>();
        if (spec.TryGetProperty("scenes", out var scenes) && scenes.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var scene in scenes.EnumerateArray())
            {
                if (scene.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    byId.TryAdd(id.GetString()!, scene);
                    declared.Add((scene, index));
                }
                index++;
            }
        }
        var order = TimelineOrder(spec, byId) ?? declared
            .OrderBy(d => d.Scene.TryGetProperty("order", out var o) && o.TryGetDouble(out var value) ? value : double.MaxValue)
            .ThenBy(d => d.Index)
            .Select(d => d.Scene.GetProperty("id").GetString()!)
            .ToList();
        var planned = order.Select(id => byId[id]).Select(scene => new PlannedScene(
            scene.GetProperty("id").GetString()!,
            Prompt(spec, scene),
            scene.TryGetProperty("duration", out var d) && d.TryGetDouble(out var seconds) ? seconds : 1)).ToList();
        for (var i = 0; i + 1 < planned.Count; i++)
        {
            planned[i] = planned[i] with { TransitionToNext = Transition(spec, planned[i].Id, planned[i + 1].Id) };
        }
        return new ScenePlan(planned);
    }

    private static List<string>? TimelineOrder(JsonElement spec, Dictionary<string, JsonElement> byId)
    {
        if (!spec.TryGetProperty("timeline", out var timeline) || timeline.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var order = new List<string>();
        foreach (var element in timeline.EnumerateArray())
        {
            if (element.TryGetProperty("scene", out var scene) && scene.ValueKind == JsonValueKind.String)
            {
                order.Add(scene.GetString()!);
            }
            foreach (var group in new[] { "flashback", "montage" })
            {
                if (element.TryGetProperty(group, out var block) && block.TryGetProperty("scenes", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    order.AddRange(ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!));
                }
            }
        }
        order.RemoveAll(id => !byId.ContainsKey(id));
        return order.Count > 0 ? order : null;
    }

    private static string Prompt(JsonElement spec, JsonElement scene)
    {
        var prompt = scene.TryGetProperty("prompt", out var p) ? p.GetString() ?? "" : "";
        if (spec.TryGetProperty("symbols", out var symbols) && symbols.ValueKind == JsonValueKind.Object)
        {
            prompt = SymbolReference().Replace(prompt, match =>
                symbols.TryGetProperty(match.Groups[1].Value, out var symbol) && symbol.TryGetProperty("prompt", out var text)
                    ? text.GetString() ?? match.Value
                    : match.Value);
        }
        if (spec.TryGetProperty("global_prompt", out var global) && global.TryGetProperty("positive", out var positive) &&
            positive.GetString() is { Length: > 0 } style)
        {
            prompt = $"{prompt}, {style}";
        }
        return prompt;
    }

    private static PlannedTransition? Transition(JsonElement spec, string from, string to)
    {
        if (!spec.TryGetProperty("transitions", out var transitions) || transitions.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (!transitions.TryGetProperty($"{from}->{to}", out var reference) && !transitions.TryGetProperty("default", out reference))
        {
            return null;
        }
        if (reference.ValueKind == JsonValueKind.String)
        {
            var name = reference.GetString()!;
            if (spec.TryGetProperty("transition_presets", out var presets) && presets.ValueKind == JsonValueKind.Object &&
                presets.TryGetProperty(name, out var preset))
            {
                reference = preset;
            }
            else
            {
                return new PlannedTransition(name, null);
            }
        }
        return reference.ValueKind == JsonValueKind.Object && reference.TryGetProperty("type", out var type)
            ? new PlannedTransition(type.GetString() ?? "cut", reference.TryGetProperty("duration", out var d) && d.TryGetDouble(out var seconds) ? seconds : null)
            : null;
    }

    [GeneratedRegex(@"@([A-Za-z0-9_\-]+)")]
    private static partial Regex SymbolReference();
}

public sealed record PlannedScene(string Id, string Prompt, double DurationSeconds, PlannedTransition? TransitionToNext = null);

public sealed record PlannedTransition(string Type, double? DurationSeconds);
