using System.Text.RegularExpressions;

namespace Framecast.Grains.SystemAssets;

/// <summary>The id form <c>asset_{category}_{name}</c> and the URN form <c>framecast:system:{category}:{name}</c> (spec 08 §2).</summary>
public static partial class SystemAssetId
{
    public const string IdPrefix = "asset_";
    public const string UrnPrefix = "framecast:system:";

    [GeneratedRegex("^asset_(sfx|ambient|music|transition)_([a-z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^framecast:system:(sfx|ambient|music|transition):([a-z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UrnPattern();

    /// <summary>Whether a spec's asset id is meant as a system asset: spec 08 §7 decides by the prefix alone.</summary>
    public static bool HasSystemPrefix(string assetId) => assetId.StartsWith(IdPrefix, StringComparison.Ordinal);

    public static bool IsUrn(string value) => value.StartsWith(UrnPrefix, StringComparison.Ordinal);

    public static bool TryParse(string id, out string category, out string name)
    {
        var match = IdPattern().Match(id);
        category = match.Success ? match.Groups[1].Value : "";
        name = match.Success ? match.Groups[2].Value : "";
        return match.Success;
    }

    public static bool TryFromUrn(string urn, out string id)
    {
        var match = UrnPattern().Match(urn);
        id = match.Success ? $"{IdPrefix}{match.Groups[1].Value}_{match.Groups[2].Value}" : "";
        return match.Success;
    }

    public static string ToUrn(string id) =>
        TryParse(id, out var category, out var name)
            ? $"{UrnPrefix}{category}:{name}"
            : throw new ArgumentException($"'{id}' is not a system asset id", nameof(id));
}
