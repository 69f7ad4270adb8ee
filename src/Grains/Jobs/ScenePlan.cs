using System.Text.Json;
using Framecast.Grains.Storyboards;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The order in which a storyboard's scenes play and what each one asks the worker for: its prompt
/// with the global prompt and `@symbol` references spelled out, its duration, and the transition
/// into the next scene. The timeline, when present, decides the order; otherwise `order`, then the
/// array index (spec 06 §1.3). It also places the audio the storyboard references on the video's
/// clock (<see cref="Audio"/>) and gives each scene the reference images of the symbols it mentions.
/// </summary>
public sealed record ScenePlan(IReadOnlyList<PlannedScene> Scenes, IReadOnlyList<PlannedAudio> Audio)
{
    public double TotalSeconds => Scenes.Sum(s => s.DurationSeconds);

    /// <summary>Every asset id the worker needs to play this plan, each once.</summary>
    public IReadOnlyList<string> AssetIds =>
        Audio.Select(a => a.AssetId).Concat(Scenes.SelectMany(s => s.ImageAssetIds)).Distinct(StringComparer.Ordinal).ToList();

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
        var planned = new List<PlannedScene>(order.Count);
        var start = 0.0;
        foreach (var scene in order.Select(id => byId[id]))
        {
            var duration = scene.TryGetProperty("duration", out var d) && d.TryGetDouble(out var seconds) ? seconds : 1;
            planned.Add(new PlannedScene(scene.GetProperty("id").GetString()!, Prompt(spec, scene), duration, null, start, Images(spec, scene)));
            start += duration;
        }
        for (var i = 0; i + 1 < planned.Count; i++)
        {
            planned[i] = planned[i] with { TransitionToNext = Transition(spec, planned[i].Id, planned[i + 1].Id) };
        }
        return new ScenePlan(planned, Tracks(spec, planned, byId));
    }

    /// <summary>
    /// Whole-video beds from 0 to the end; each appearance of a scene brings its beds (cut to the scene) and its
    /// effects at the scene's start plus their own; a transition's sound starts at its junction.
    /// </summary>
    private static List<PlannedAudio> Tracks(JsonElement spec, List<PlannedScene> scenes, Dictionary<string, JsonElement> byId)
    {
        var tracks = new List<PlannedAudio>();
        void AddBeds(JsonElement? holder, double start, double length)
        {
            foreach (var slot in new[] { "music", "ambient" })
            {
                if (holder?.Child(slot) is { } bed && bed.StringOf("asset_id") is { } id)
                {
                    tracks.Add(new PlannedAudio(id, start, Volume(bed), bed.Child("loop")?.ValueKind == JsonValueKind.True,
                        Seconds(bed, "fade_in"), Seconds(bed, "fade_out"), length));
                }
            }
        }

        AddBeds(spec.Child("global_audio"), 0, scenes.Sum(s => s.DurationSeconds));
        foreach (var scene in scenes)
        {
            var audio = byId[scene.Id].Child("audio");
            AddBeds(audio, scene.StartSeconds, scene.DurationSeconds);
            foreach (var (sfx, _) in audio?.ItemsOf("sfx") ?? [])
            {
                if (sfx.StringOf("asset_id") is { } id)
                {
                    tracks.Add(new PlannedAudio(id, scene.StartSeconds + Seconds(sfx, "start"), Volume(sfx), false, 0, 0, null));
                }
            }
            if (scene.TransitionToNext?.Audio is { } sound)
            {
                tracks.Add(new PlannedAudio(sound.AssetId, scene.StartSeconds + scene.DurationSeconds, sound.Volume, false, 0, 0, null));
            }
        }
        return tracks;
    }

    /// <summary>The reference images of the symbols the scene's prompt mentions, in mention order, each once.</summary>
    private static List<string> Images(JsonElement spec, JsonElement scene)
    {
        var prompt = scene.StringOf("prompt") ?? "";
        return SymbolMention.NamesIn(prompt)
            .Select(name => spec.Child("symbols")?.Child(name))
            .SelectMany(symbol => symbol?.ItemsOf("reference_images") ?? [])
            .Select(image => image.Item.StringOf("id"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static double Volume(JsonElement holder) => (double?)holder.NumberOf("volume") is { } volume ? Math.Clamp(volume, 0, 1) : 1;

    private static double Seconds(JsonElement holder, string name) => (double?)holder.NumberOf(name) is { } seconds ? Math.Max(0, seconds) : 0;

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
            prompt = SymbolMention.Replace(prompt, name =>
                symbols.TryGetProperty(name, out var symbol) && symbol.TryGetProperty("prompt", out var text) ? text.GetString() : null);
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
        if (reference.ValueKind != JsonValueKind.Object || !reference.TryGetProperty("type", out var type))
        {
            return null;
        }
        var audio = reference.Child("audio") is { } sound && sound.StringOf("asset_id") is { } id ? new PlannedSound(id, Volume(sound)) : null;
        return new PlannedTransition(type.GetString() ?? "cut",
            reference.TryGetProperty("duration", out var d) && d.TryGetDouble(out var seconds) ? seconds : null, audio);
    }
}

/// <summary>One appearance of a scene: it starts at <see cref="StartSeconds"/> of the final video.</summary>
public sealed record PlannedScene(
    string Id, string Prompt, double DurationSeconds, PlannedTransition? TransitionToNext, double StartSeconds, IReadOnlyList<string> ImageAssetIds);

public sealed record PlannedTransition(string Type, double? DurationSeconds, PlannedSound? Audio = null);

/// <summary>A transition's sound: played once from the junction.</summary>
public sealed record PlannedSound(string AssetId, double Volume);

/// <summary>
/// One audio track on the final video's clock. <see cref="DurationSeconds"/> is how long it may play (a bed's scene,
/// or the whole video); null means the asset's own length. A looping track repeats to fill its duration.
/// </summary>
public sealed record PlannedAudio(
    string AssetId, double StartSeconds, double Volume, bool Loop, double FadeInSeconds, double FadeOutSeconds, double? DurationSeconds);
