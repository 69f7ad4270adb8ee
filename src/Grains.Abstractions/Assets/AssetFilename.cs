using System.Text;
using Framecast.Grains.Abstractions.Text;

namespace Framecast.Grains.Abstractions.Assets;

/// <summary>
/// The rules for an upload's filename: 1–255 characters, no path separators, no <c>..</c>, no control characters
/// (C0, DEL, C1) and no lone surrogates. The stored key uses <see cref="ForKey"/>, a cleaned copy (spec 07 §6.1).
/// </summary>
public static class AssetFilename
{
    /// <summary>What is wrong with <paramref name="name"/>, or null when it is acceptable.</summary>
    public static string? Problem(string name)
    {
        if (name.Length is 0 or > AssetLimits.MaxFilenameLength)
        {
            return $"must be 1 to {AssetLimits.MaxFilenameLength} characters";
        }
        if (name.AsSpan().Trim().Length == 0 || name.Trim('.').Length == 0)
        {
            return "must name a file";
        }
        if (name.Contains('/') || name.Contains('\\'))
        {
            return "must not contain path separators";
        }
        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain '..'";
        }
        return StorableText.NameProblem(name);
    }

    /// <summary>
    /// The name as it goes into an object key: letters, digits, '.', '-' and '_' kept, anything else (spaces,
    /// punctuation S3 clients escape differently) turned into '_'. The asset's filename field keeps the original.
    /// </summary>
    public static string ForKey(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            key.Append(Rune.IsLetterOrDigit(rune) || rune.Value is '.' or '-' or '_' ? rune.ToString() : "_");
        }
        return key.ToString();
    }
}
