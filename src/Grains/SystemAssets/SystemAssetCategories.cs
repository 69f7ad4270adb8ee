namespace Framecast.Grains.SystemAssets;

/// <summary>The four catalog categories (spec 08 §3). None contains an underscore, which is what makes ids parseable.</summary>
public static class SystemAssetCategories
{
    public const string Sfx = "sfx";
    public const string Ambient = "ambient";
    public const string Music = "music";
    public const string Transition = "transition";

    public static IReadOnlyList<string> All { get; } = [Sfx, Ambient, Music, Transition];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}
