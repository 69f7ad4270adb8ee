using System.Text.Json;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// Prices a storyboard by the formula of <c>spec/pricing.md</c>. Both <c>estimate_spec</c> and job admission call it,
/// so the estimate a customer sees is the charge. The spec must have passed <see cref="StoryboardValidator"/>.
/// </summary>
public sealed class StoryboardEstimator(PricingOptions options)
{
    public StoryboardEstimator()
        : this(new PricingOptions())
    {
    }

    /// <param name="availableCredits">The owner's balance when known; below the estimate it adds a warning, never an error.</param>
    /// <exception cref="ArgumentException">The spec has no usable scenes: it was not validated.</exception>
    public StoryboardEstimate Estimate(StoryboardDocument document, long? availableCredits = null)
    {
        var scenes = ReadScenes(document.Root) ?? throw new ArgumentException("Only a validated storyboard can be estimated", nameof(document));
        var estimates = scenes.Select(s => new SceneEstimate(s.Id, s.Duration, SceneCredits(s))).ToList();
        var generatedSeconds = scenes.Sum(s => s.Duration);
        var credits = estimates.Sum(s => s.Credits);

        var warnings = new List<EstimateWarning>();
        if (availableCredits < credits)
            warnings.Add(new EstimateWarning($"The owner has {availableCredits} credits; this storyboard needs {credits}"));

        return new StoryboardEstimate(
            PlaybackSeconds(document.Root, scenes),
            credits,
            (int)Math.Ceiling(options.GenerationOverheadSeconds + generatedSeconds * options.GenerationSecondsPerVideoSecond),
            estimates,
            warnings);
    }

    private int SceneCredits(Scene scene) =>
        (int)Math.Ceiling(scene.Duration * options.CreditsPerSecond) + scene.DialogueLines * options.CreditsPerDialogueLine;

    /// <summary>
    /// The video's length: every scene once, in order, without a timeline; with one, each scene as often as the
    /// timeline plays it (flashbacks and montages replay clips already generated, so they add length, not credits).
    /// </summary>
    private static decimal PlaybackSeconds(JsonElement spec, IReadOnlyList<Scene> scenes)
    {
        if (!spec.Child("timeline").IsNonEmptyArray())
            return scenes.Sum(s => s.Duration);

        var durations = scenes.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Duration, StringComparer.Ordinal);
        decimal Played(string? id) => id is not null && durations.TryGetValue(id, out var duration) ? duration : 0;

        decimal total = 0;
        foreach (var (element, _) in spec.ItemsOf("timeline"))
        {
            total += Played(element.StringOf("scene"));
            foreach (var shape in new[] { "flashback", "montage" })
            {
                foreach (var (member, _) in element.Child(shape)?.ItemsOf("scenes") ?? [])
                    total += Played(member.ValueKind == JsonValueKind.String ? member.GetString() : null);
            }
        }

        return total;
    }

    private static List<Scene>? ReadScenes(JsonElement spec)
    {
        var scenes = spec.ItemsOf("scenes")
            .Select(s => (Id: s.Item.StringOf("id"), Duration: s.Item.NumberOf("duration"), Audio: s.Item.Child("audio")))
            .ToList();
        if (scenes.Count == 0 || scenes.Any(s => s.Id is null || s.Duration is null))
            return null;
        return [.. scenes.Select(s => new Scene(s.Id!, s.Duration!.Value, s.Audio?.ItemsOf("dialogue").Count() ?? 0))];
    }

    private sealed record Scene(string Id, decimal Duration, int DialogueLines);
}
