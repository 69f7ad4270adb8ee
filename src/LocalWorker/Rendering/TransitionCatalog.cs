using System.Collections.Frozen;

namespace Framecast.LocalWorker.Rendering;

/// <summary>Maps the storyboard's transition types (spec 06 §1.5) to ffmpeg xfade transitions.</summary>
public static class TransitionCatalog
{
    private static readonly FrozenDictionary<string, string> StoryboardTypes = new Dictionary<string, string>
    {
        ["fade"] = "fade",
        ["dissolve"] = "dissolve",
        ["wipe"] = "wipeleft",
        ["blur"] = "hblur",
        ["zoom"] = "zoomin",
        ["flash"] = "fadewhite",
        ["glitch"] = "pixelize",
        ["custom"] = "fade",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>xfade names accepted as-is, for callers that want a specific wipe or slide.</summary>
    private static readonly FrozenSet<string> XfadeNames = new[]
    {
        "fade", "fadeblack", "fadewhite", "fadegrays", "dissolve", "pixelize", "radial", "hblur", "zoomin",
        "wipeleft", "wiperight", "wipeup", "wipedown", "slideleft", "slideright", "slideup", "slidedown",
        "circleopen", "circleclose", "circlecrop", "rectcrop", "distance", "smoothleft", "smoothright",
        "smoothup", "smoothdown", "diagtl", "diagtr", "diagbl", "diagbr", "squeezeh", "squeezev",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The xfade name for a type, null for <c>cut</c>; false when the type is unknown.</summary>
    public static bool TryResolve(string type, out string? xfade)
    {
        xfade = null;
        if (string.Equals(type, "cut", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (StoryboardTypes.TryGetValue(type, out var mapped))
        {
            xfade = mapped;
            return true;
        }

        if (XfadeNames.Contains(type))
        {
            xfade = type.ToLowerInvariant();
            return true;
        }

        return false;
    }
}
