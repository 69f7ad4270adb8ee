using System.Text.RegularExpressions;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// The one pattern of an <c>@symbol</c> mention in a scene prompt (spec 06 §3.5 R6: <c>@(\w+)</c>). The validator checks
/// the names it captures and the scene plan spells out the same names, so <c>@hero-2</c> is <c>hero</c> followed by "-2"
/// in both.
/// </summary>
public static partial class SymbolMention
{
    [GeneratedRegex(@"@(\w+)", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    /// <summary>The symbol names a prompt mentions, in order, each once.</summary>
    public static IEnumerable<string> NamesIn(string prompt) =>
        Pattern().Matches(prompt).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Replaces each mention by what <paramref name="spell"/> gives for its name (null keeps the mention).</summary>
    public static string Replace(string prompt, Func<string, string?> spell) =>
        Pattern().Replace(prompt, m => spell(m.Groups[1].Value) ?? m.Value);
}
