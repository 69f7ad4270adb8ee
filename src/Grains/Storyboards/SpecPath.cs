using System.Text.RegularExpressions;

namespace Framecast.Grains.Storyboards;

/// <summary>Builds the spec's JSONPath-style locations without a leading <c>$</c>: <c>scenes[2].duration</c>, <c>transitions["a->b"]</c>.</summary>
public static partial class SpecPath
{
    public const string Root = "";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    public static string Property(string parent, string name)
    {
        if (!PlainName().IsMatch(name))
            return $"{parent}[\"{name.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";
        return parent.Length == 0 ? name : $"{parent}.{name}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
