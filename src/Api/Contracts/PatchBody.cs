using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Text;

namespace Framecast.Api.Contracts;

/// <summary>
/// A PATCH body (spec 04 §0.2): an absent field stays unchanged, an explicit null clears a nullable one. Read from
/// the raw JSON so absent and null can be told apart; fields that may never change through the route are refused.
/// </summary>
public sealed class PatchBody
{
    private readonly JsonElement _root;

    private PatchBody(JsonElement root) => _root = root;

    public static PatchBody From(JsonElement body, params string[] immutable)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("body", "The body must be a JSON object.");
        }
        foreach (var field in immutable)
        {
            if (body.TryGetProperty(field, out _))
            {
                throw Invalid(field, $"'{field}' cannot be changed here.");
            }
        }
        return new PatchBody(body);
    }

    public bool Has(string field) => _root.TryGetProperty(field, out _);

    /// <summary>(present, value): a string of at most <paramref name="maxLength"/> chars, or null when <paramref name="nullable"/>.</summary>
    public (bool Present, string? Value) String(string field, int maxLength, bool nullable)
    {
        if (!_root.TryGetProperty(field, out var value))
        {
            return (false, null);
        }
        if (value.ValueKind == JsonValueKind.Null && nullable)
        {
            return (true, null);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(field, $"'{field}' must be a string{(nullable ? " or null" : "")}.");
        }
        // A NUL or an escaped lone surrogate has no place in the row: 400 naming the field, not a storage failure.
        StorableText.RequireStorable(field, value);
        var text = value.GetString()!;
        return text.Length <= maxLength ? (true, text) : throw Invalid(field, $"'{field}' must be at most {maxLength} characters.");
    }

    /// <summary>(present, raw JSON) of an object-valued field.</summary>
    public (bool Present, string? Json) Object(string field)
    {
        if (!_root.TryGetProperty(field, out var value))
        {
            return (false, null);
        }
        return value.ValueKind == JsonValueKind.Object ? (true, value.GetRawText()) : throw Invalid(field, $"'{field}' must be a JSON object.");
    }

    public static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });
}
