using System.Text.Json;
using System.Text.RegularExpressions;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// The rules of spec 06 §3 that a schema cannot express: unique scene ids, the duration total, reference
/// integrity (R1–R7) and the warnings of §3.8. Asset references are <see cref="StoryboardValidator"/>'s.
/// </summary>
internal static partial class StoryboardRules
{
    public const decimal MaxTotalDurationSeconds = 300;
    public const decimal LongSceneSeconds = 10;

    /// <summary>The <c>TransitionDefinition.type</c> names, also accepted as strings in the <c>transitions</c> map.</summary>
    public static IReadOnlyList<string> BuiltInTransitions { get; } =
        ["cut", "fade", "dissolve", "wipe", "blur", "zoom", "flash", "glitch", "custom"];

    [GeneratedRegex("^(.+)->(.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TransitionKey();

    public static void Check(JsonElement spec, List<ValidationIssue> errors, List<ValidationIssue> warnings)
    {
        var scenes = spec.ItemsOf("scenes").Where(s => s.Item.ValueKind == JsonValueKind.Object).ToList();
        var sceneIds = scenes.Select(s => s.Item.StringOf("id")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var symbols = spec.EntriesOf("symbols").ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var presets = spec.EntriesOf("transition_presets").Select(p => p.Name).ToList();
        var context = new Context(sceneIds, symbols, presets, errors);

        CheckScenes(scenes, errors, warnings);
        CheckTimeline(spec, context, scenes, warnings);
        CheckTransitionsMap(spec, context);
        var usedSymbols = CheckSymbolMentions(scenes, context);
        foreach (var name in symbols.Keys.Where(name => !usedSymbols.Contains(name)))
            warnings.Add(new ValidationIssue(SpecPath.Property("symbols", name), ValidationCodes.SymbolUnused,
                $"Symbol '{name}' is never mentioned with @{name} or used as a speaker"));
    }

    private static void CheckScenes(List<(JsonElement Item, int Index)> scenes, List<ValidationIssue> errors, List<ValidationIssue> warnings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        decimal total = 0;
        foreach (var (scene, i) in scenes)
        {
            var path = SpecPath.Index("scenes", i);
            if (scene.StringOf("id") is { } id && !seen.Add(id))
                errors.Add(new ValidationIssue(SpecPath.Property(path, "id"), ValidationCodes.DuplicateSceneId,
                    $"Scene id '{id}' is used by more than one scene") { Value = id });

            if (scene.NumberOf("duration") is not { } duration)
                continue;
            total += duration;
            if (duration > LongSceneSeconds)
                warnings.Add(new ValidationIssue(SpecPath.Property(path, "duration"), ValidationCodes.LongScene,
                    $"Scenes longer than {LongSceneSeconds} s may lose quality"));
        }

        if (total > MaxTotalDurationSeconds)
            errors.Add(new ValidationIssue("scenes", ValidationCodes.LimitExceeded,
                $"The scenes last {total} s in total (maximum {MaxTotalDurationSeconds} s)") { Value = total, Limit = MaxTotalDurationSeconds });
    }

    private static void CheckTimeline(JsonElement spec, Context context, List<(JsonElement Item, int Index)> scenes, List<ValidationIssue> warnings)
    {
        var played = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, i) in spec.ItemsOf("timeline"))
        {
            var path = SpecPath.Index("timeline", i);
            if (element.StringOf("scene") is { } sceneId)
            {
                played.Add(sceneId);
                context.RequireScene(SpecPath.Property(path, "scene"), sceneId);
            }

            context.RequirePreset(element.Child("transition"), SpecPath.Property(path, "transition"));

            foreach (var shape in new[] { "flashback", "montage" })
            {
                var group = element.Child(shape);
                if (group is not { } value)
                    continue;
                var groupPath = SpecPath.Property(path, shape);
                foreach (var (member, j) in value.ItemsOf("scenes"))
                {
                    if (member.ValueKind != JsonValueKind.String)
                        continue;
                    played.Add(member.GetString()!);
                    context.RequireScene(SpecPath.Index(SpecPath.Property(groupPath, "scenes"), j), member.GetString()!);
                }

                if (shape == "montage")
                    context.RequirePreset(value.Child("transition"), SpecPath.Property(groupPath, "transition"));
            }
        }

        // An empty timeline plays nothing in particular, so it is read as no timeline (order then decides).
        if (!spec.Child("timeline").IsNonEmptyArray())
            return;
        foreach (var (scene, i) in scenes)
        {
            if (scene.StringOf("id") is { } id && !played.Contains(id))
                warnings.Add(new ValidationIssue(SpecPath.Index("scenes", i), ValidationCodes.SceneUnused,
                    $"Scene '{id}' is not in the timeline, so it will not be played"));
        }
    }

    private static void CheckTransitionsMap(JsonElement spec, Context context)
    {
        foreach (var transition in spec.EntriesOf("transitions"))
        {
            var path = SpecPath.Property("transitions", transition.Name);
            if (transition.Name != "default")
            {
                var match = TransitionKey().Match(transition.Name);
                if (!match.Success)
                {
                    context.Errors.Add(new ValidationIssue(path, ValidationCodes.TransitionKeyInvalid,
                        $"Transition key '{transition.Name}' must be 'default' or '<scene>-><scene>'") { Value = transition.Name });
                }
                else
                {
                    context.RequireScene(path, match.Groups[1].Value);
                    context.RequireScene(path, match.Groups[2].Value);
                }
            }

            // (proposed, spec 06 §3.5) strings here may also name a built-in type: the welcome spec has default: "cut".
            if (transition.Value.ValueKind == JsonValueKind.String)
            {
                var name = transition.Value.GetString()!;
                if (!context.Presets.Contains(name) && !BuiltInTransitions.Contains(name))
                    context.Errors.Add(new ValidationIssue(path, ValidationCodes.TransitionPresetNotFound,
                        $"Transition '{name}' is neither a transition preset nor a built-in type")
                        { Value = name, ValidValues = [.. context.Presets, .. BuiltInTransitions] });
            }
        }
    }

    /// <summary>R6 and R7; returns the symbols that are used, by mention or as a speaker.</summary>
    private static HashSet<string> CheckSymbolMentions(List<(JsonElement Item, int Index)> scenes, Context context)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (scene, i) in scenes)
        {
            var path = SpecPath.Index("scenes", i);
            if (scene.StringOf("prompt") is { } prompt)
            {
                var mentions = SymbolMention.NamesIn(prompt);
                foreach (var name in mentions)
                {
                    used.Add(name);
                    if (!context.Symbols.ContainsKey(name))
                        context.Errors.Add(new ValidationIssue(SpecPath.Property(path, "prompt"), ValidationCodes.SymbolNotFound,
                            $"Symbol '@{name}' is not defined") { Value = name, ValidValues = [.. context.Symbols.Keys] });
                }
            }

            var dialoguePath = SpecPath.Property(SpecPath.Property(path, "audio"), "dialogue");
            foreach (var (line, j) in scene.Child("audio")?.ItemsOf("dialogue") ?? [])
            {
                if (line.StringOf("speaker") is not { } speaker)
                    continue;
                used.Add(speaker);
                var speakerPath = SpecPath.Property(SpecPath.Index(dialoguePath, j), "speaker");
                if (!context.Symbols.TryGetValue(speaker, out var symbol))
                    context.Errors.Add(new ValidationIssue(speakerPath, ValidationCodes.SpeakerNotFound,
                        $"Speaker '{speaker}' is not a symbol") { Value = speaker, ValidValues = [.. context.Symbols.Keys] });
                else if (symbol.Child("voice") is not { ValueKind: JsonValueKind.Object })
                    context.Errors.Add(new ValidationIssue(speakerPath, ValidationCodes.SpeakerWithoutVoice,
                        $"Symbol '{speaker}' speaks but has no voice") { Value = speaker });
            }
        }

        return used;
    }

    private sealed record Context(
        IReadOnlyList<string> SceneIds,
        IReadOnlyDictionary<string, JsonElement> Symbols,
        IReadOnlyList<string> Presets,
        List<ValidationIssue> Errors)
    {
        public void RequireScene(string path, string sceneId)
        {
            if (!SceneIds.Contains(sceneId))
                Errors.Add(new ValidationIssue(path, ValidationCodes.SceneNotFound, $"Scene '{sceneId}' is not defined")
                    { Value = sceneId, ValidValues = SceneIds });
        }

        /// <summary>R2: a transition given by name in the timeline must be a preset.</summary>
        public void RequirePreset(JsonElement? transition, string path)
        {
            if (transition is not { ValueKind: JsonValueKind.String } value || Presets.Contains(value.GetString()!))
                return;
            Errors.Add(new ValidationIssue(path, ValidationCodes.TransitionPresetNotFound,
                $"Transition preset '{value.GetString()}' is not defined") { Value = value.GetString(), ValidValues = Presets });
        }
    }
}
