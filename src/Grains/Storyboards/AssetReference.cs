using System.Text.Json;

namespace Framecast.Grains.Storyboards;

/// <summary>An asset id found in a spec, with where it was found and what it must be.</summary>
public sealed record AssetReference(string Path, string AssetId, AssetReferenceKind Kind)
{
    /// <summary>Every asset reference of the spec, from the places spec 06 §2 lists, in document order.</summary>
    public static IReadOnlyList<AssetReference> CollectFrom(JsonElement spec)
    {
        var found = new List<AssetReference>();

        void Add(JsonElement? owner, string ownerPath, string field, AssetReferenceKind kind)
        {
            if (owner is { } value && value.StringOf(field) is { } id)
                found.Add(new AssetReference(SpecPath.Property(ownerPath, field), id, kind));
        }

        void AddAudioRefs(JsonElement? holder, string holderPath)
        {
            if (holder is not { } value)
                return;
            foreach (var slot in new[] { "music", "ambient" })
                Add(value.Child(slot), SpecPath.Property(holderPath, slot), "asset_id", AssetReferenceKind.Audio);
        }

        void AddTransition(JsonElement? transition, string transitionPath) =>
            Add(transition?.Child("audio"), SpecPath.Property(transitionPath, "audio"), "asset_id", AssetReferenceKind.Audio);

        AddAudioRefs(spec.Child("global_audio"), "global_audio");

        foreach (var (scene, i) in spec.ItemsOf("scenes"))
        {
            var audioPath = SpecPath.Property(SpecPath.Index("scenes", i), "audio");
            var audio = scene.Child("audio");
            AddAudioRefs(audio, audioPath);
            if (audio is { } sceneAudio)
            {
                foreach (var (sfx, j) in sceneAudio.ItemsOf("sfx"))
                    Add(sfx, SpecPath.Index(SpecPath.Property(audioPath, "sfx"), j), "asset_id", AssetReferenceKind.Audio);
            }
        }

        foreach (var symbol in spec.EntriesOf("symbols"))
        {
            var symbolPath = SpecPath.Property("symbols", symbol.Name);
            Add(symbol.Value.Child("voice"), SpecPath.Property(symbolPath, "voice"), "asset_id", AssetReferenceKind.Voice);
            foreach (var (image, j) in symbol.Value.ItemsOf("reference_images"))
                Add(image, SpecPath.Index(SpecPath.Property(symbolPath, "reference_images"), j), "id", AssetReferenceKind.Image);
        }

        foreach (var preset in spec.EntriesOf("transition_presets"))
            AddTransition(preset.Value, SpecPath.Property("transition_presets", preset.Name));
        foreach (var transition in spec.EntriesOf("transitions"))
            AddTransition(transition.Value, SpecPath.Property("transitions", transition.Name));

        foreach (var (element, i) in spec.ItemsOf("timeline"))
        {
            var elementPath = SpecPath.Index("timeline", i);
            AddTransition(element.Child("transition"), SpecPath.Property(elementPath, "transition"));
            var montagePath = SpecPath.Property(elementPath, "montage");
            AddTransition(element.Child("montage")?.Child("transition"), SpecPath.Property(montagePath, "transition"));
        }

        return found;
    }
}
