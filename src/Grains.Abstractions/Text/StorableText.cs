using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Abstractions.Text;

/// <summary>
/// Text PostgreSQL can store: no NUL (text columns and jsonb refuse it) and no lone UTF-16 surrogate (it has no
/// UTF-8 form). Checked where input enters, so such bytes answer 400 naming the field instead of failing in the store.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="value"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "contains a NUL character";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    /// <summary>A name-like field: storable, and no control characters (C0, DEL, C1) either.</summary>
    public static string? NameProblem(string value) =>
        Problem(value) ?? (value.Any(char.IsControl) ? "contains a control character" : null);

    /// <exception cref="DomainException">VALIDATION_ERROR naming <paramref name="field"/>.</exception>
    public static void RequireName(string field, string value)
    {
        if (NameProblem(value) is { } problem)
        {
            throw Invalid(field, problem);
        }
    }

    /// <summary>Every string and property name of a JSON document is storable in jsonb.</summary>
    /// <exception cref="DomainException">VALIDATION_ERROR naming the first offending value's path under <paramref name="field"/>.</exception>
    public static void RequireStorable(string field, JsonElement json)
    {
        if (FirstProblem(json, field) is { } found)
        {
            throw Invalid(found.Path, found.Problem);
        }
    }

    private static (string Path, string Problem)? FirstProblem(JsonElement json, string path)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return Checked(json.GetString) is { } problem ? (path, problem) : null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    if (FirstProblem(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    if (Checked(() => property.Name) is { } nameProblem)
                    {
                        return (path, $"has a property name that {nameProblem}");
                    }
                    if (FirstProblem(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    // System.Text.Json refuses to decode an escaped lone surrogate ("\ud800") into a string.
    private static string? Checked(Func<string?> read)
    {
        try
        {
            return Problem(read() ?? "");
        }
        catch (InvalidOperationException)
        {
            return "contains an unpaired UTF-16 surrogate";
        }
    }

    private static DomainException Invalid(string field, string problem) =>
        new(ErrorCodes.ValidationError, $"'{field}' {problem}.", new Dictionary<string, object?> { ["field"] = field });
}
