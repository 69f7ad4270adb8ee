using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Accounts;

/// <summary>Team slugs (spec 04 §0.6): <c>^[a-z0-9]([a-z0-9-]*[a-z0-9])?$</c>, no <c>--</c>, ≤ 50 chars.</summary>
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= AccountLimits.SlugMaxLength } && Pattern().IsMatch(slug) && !slug.Contains("--", StringComparison.Ordinal);

    /// <summary><c>slugify(name)</c> cut to 41 chars + "-" + 8 hex chars of a fresh UUID (spec 04 §2.3 gap, proposed).</summary>
    public static string Generate(string name)
    {
        var slug = Slugify(name);
        if (slug.Length > 41)
        {
            slug = slug[..41].Trim('-');
        }
        if (slug.Length == 0)
        {
            slug = "team";
        }
        return $"{slug}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Lowercase, ASCII-transliterated, every non-alphanumeric run turned into one "-".</summary>
    public static string Slugify(string name)
    {
        var builder = new StringBuilder(name.Length);
        var dash = false;
        foreach (var c in name)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            var ascii = lower is >= 'a' and <= 'z' or >= '0' and <= '9' ? lower.ToString() : Transliterate(lower);
            if (ascii.Length > 0)
            {
                builder.Append(ascii);
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
        }
        return builder.ToString().Trim('-');
    }

    // The process runs with invariant globalization (no Unicode decomposition): transliterate common Latin letters by table.
    private const string Accented = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőřśšşťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorssstuuuuuuuuyyzzz";

    private static string Transliterate(char c) => c switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ when Accented.IndexOf(c) is var i and >= 0 => Plain[i].ToString(),
        _ => "",
    };
}
