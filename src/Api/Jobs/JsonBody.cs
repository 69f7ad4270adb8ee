using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Storyboards;

namespace Framecast.Api.Jobs;

/// <summary>
/// A request body read as JSON or YAML (by Content-Type), with the storyboard parser's size and
/// depth limits, and typed access to its fields that answers 400 naming the field.
/// </summary>
public sealed class JsonBody(JsonElement root)
{
    public static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public JsonElement Root { get; } = root;

    public static async Task<JsonBody> ReadAsync(HttpRequest request, bool optional = false)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return optional
                ? new JsonBody(EmptyObject)
                : throw new DomainException(ErrorCodes.ValidationError, "The request body is empty.");
        }
        var root = StoryboardDocument.Parse(text, request.ContentType).Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DomainException(ErrorCodes.ValidationError, "The request body must be an object.");
        }
        // Whatever part of the body is stored later (a name, a storyboard), PostgreSQL must be able to hold it.
        StorableText.RequireStorable("body", root);
        return new JsonBody(root);
    }

    public JsonElement RequiredObject(string field) =>
        OptionalObject(field) ?? throw Invalid(field, "is required");

    public JsonElement? OptionalObject(string field) => Optional(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => value,
        _ => throw Invalid(field, "must be an object"),
    };

    public string? OptionalString(string field, int maxLength) => Optional(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value when value.GetString()!.Length is > 0 and var length && length <= maxLength => value.GetString(),
        { ValueKind: JsonValueKind.String } => throw Invalid(field, $"must be 1 to {maxLength} characters"),
        _ => throw Invalid(field, "must be a string"),
    };

    /// <summary>A name: 1 to <paramref name="maxLength"/> characters, not blank, storable. Null only when absent and not
    /// required; a JSON null is no name, so it is refused like an empty one.</summary>
    public string? Name(string field, int maxLength, bool required)
    {
        if (!Root.TryGetProperty(field, out _) && !required)
        {
            return null;
        }
        var name = OptionalString(field, maxLength)
            ?? throw Invalid(field, required ? $"is required (1 to {maxLength} characters)" : $"must have 1 to {maxLength} characters");
        if (name.Trim().Length == 0)
        {
            throw Invalid(field, "must not be blank");
        }
        StorableText.RequireName(field, name);
        return name;
    }

    public bool? OptionalBool(string field) => Optional(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(field, "must be true or false"),
    };

    private JsonElement? Optional(string field) =>
        Root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static DomainException Invalid(string field, string problem) =>
        new(ErrorCodes.ValidationError, $"'{field}' {problem}.", new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The job's <c>priority</c>: normal when absent; any other value than the four names is a 400.</summary>
    public JobPriority Priority() => OptionalString("priority", 16) switch
    {
        null => JobPriority.Normal,
        var name when JobPriorities.TryParse(name, out var priority) => priority,
        _ => throw new DomainException(ErrorCodes.ValidationError, "'priority' must be urgent, high, normal or low.",
            new Dictionary<string, object?> { ["field"] = "priority" }),
    };
}
