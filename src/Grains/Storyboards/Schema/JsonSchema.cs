using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Framecast.Grains.Storyboards.Schema;

/// <summary>
/// A JSON Schema (draft 2020-12) evaluator for the subset of keywords the storyboard schema uses. No validator
/// package restores from this project's registry, so this one is kept small and strict: loading a schema that uses
/// any other keyword fails, rather than silently ignoring a rule. Every failure is reported, each with its path.
/// </summary>
/// <remarks>
/// <c>x-error</c> (<c>{ code, message }</c>) on a schema replaces the generic report of its <c>oneOf</c>, whose
/// branch-by-branch failures would mean little to a client.
/// </remarks>
public sealed class JsonSchema
{
    private static readonly HashSet<string> SupportedKeywords =
    [
        "$schema", "$id", "$defs", "$ref", "title", "description", "x-error",
        "type", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern",
        "items", "minItems", "maxItems",
        "required", "properties", "additionalProperties", "minProperties", "maxProperties",
        "oneOf", "if", "then", "else",
    ];

    private readonly JsonElement _root;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchema(JsonElement root) => _root = root;

    public static JsonSchema Parse(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        var root = document.RootElement.Clone();
        var schema = new JsonSchema(root);
        schema.CheckSchema(root, "#");
        return schema;
    }

    /// <summary>Every failure of <paramref name="instance"/> against the schema, in document order.</summary>
    public IReadOnlyList<ValidationIssue> Evaluate(JsonElement instance)
    {
        var issues = new List<ValidationIssue>();
        Evaluate(_root, instance, SpecPath.Root, issues);
        return issues;
    }

    private void Evaluate(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        if (schema.ValueKind == JsonValueKind.True)
            return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            issues.Add(new ValidationIssue(path, ValidationCodes.InvalidValue, "No value is allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
            Evaluate(Resolve(reference.GetString()!), instance, path, issues);

        // A wrong type makes every other keyword meaningless: report it alone.
        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            issues.Add(new ValidationIssue(path, ValidationCodes.InvalidType,
                $"Expected {DescribeType(type)}, got {KindName(instance)}") { Value = ScalarValue(instance) });
            return;
        }

        CheckEnumAndConst(schema, instance, path, issues);
        switch (instance.ValueKind)
        {
            case JsonValueKind.Number:
                CheckNumber(schema, instance, path, issues);
                break;
            case JsonValueKind.String:
                CheckString(schema, instance, path, issues);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, instance, path, issues);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, instance, path, issues);
                break;
        }

        CheckOneOf(schema, instance, path, issues);
        CheckConditional(schema, instance, path, issues);
    }

    private static void CheckEnumAndConst(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, instance)))
        {
            var names = allowed.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()).ToList();
            issues.Add(new ValidationIssue(path, ValidationCodes.InvalidValue,
                $"{Show(instance)} is not one of: {string.Join(", ", names)}") { Value = ScalarValue(instance), ValidValues = names });
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
            issues.Add(new ValidationIssue(path, ValidationCodes.InvalidValue, $"Must be {constant.GetRawText()}") { Value = ScalarValue(instance) });
    }

    private static void CheckNumber(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        var value = instance.GetDouble();
        void Check(string keyword, Func<double, bool> fails, string message)
        {
            if (schema.TryGetProperty(keyword, out var bound) && fails(bound.GetDouble()))
                issues.Add(new ValidationIssue(path, ValidationCodes.OutOfRange, $"{message} {bound.GetRawText()}")
                    { Value = instance.Clone(), Limit = bound.GetDecimal() });
        }

        Check("minimum", bound => value < bound, "Must be at least");
        Check("maximum", bound => value > bound, "Must be at most");
        Check("exclusiveMinimum", bound => value <= bound, "Must be greater than");
        Check("exclusiveMaximum", bound => value >= bound, "Must be less than");
    }

    private void CheckString(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        var text = instance.GetString()!;
        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.LimitExceeded,
                $"Too long: {length} characters (maximum {max.GetInt32()})") { Value = length, Limit = max.GetInt32() });
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.TooFew,
                min.GetInt32() == 1 ? "Must not be empty" : $"Too short: at least {min.GetInt32()} characters") { Limit = min.GetInt32() });
        if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(text))
            issues.Add(new ValidationIssue(path, ValidationCodes.InvalidFormat,
                $"{Show(instance)} does not match {pattern.GetString()}") { Value = instance.Clone() });
    }

    private void CheckArray(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        var count = instance.GetArrayLength();
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.LimitExceeded,
                $"Too many items: {count} (maximum {max.GetInt32()})") { Value = count, Limit = max.GetInt32() });
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.TooFew,
                $"At least {min.GetInt32()} item(s) required") { Value = count, Limit = min.GetInt32() });
        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
                Evaluate(items, item, SpecPath.Index(path, index++), issues);
        }
    }

    private void CheckObject(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                    issues.Add(new ValidationIssue(SpecPath.Property(path, name), ValidationCodes.Required, $"'{name}' is required"));
            }
        }

        var count = instance.EnumerateObject().Count();
        if (schema.TryGetProperty("maxProperties", out var max) && count > max.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.LimitExceeded,
                $"Too many entries: {count} (maximum {max.GetInt32()})") { Value = count, Limit = max.GetInt32() });
        if (schema.TryGetProperty("minProperties", out var min) && count < min.GetInt32())
            issues.Add(new ValidationIssue(path, ValidationCodes.TooFew,
                $"At least {min.GetInt32()} entr(ies) required") { Value = count, Limit = min.GetInt32() });

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            var propertyPath = SpecPath.Property(path, property.Name);
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                Evaluate(propertySchema, property.Value, propertyPath, issues);
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False)
                issues.Add(new ValidationIssue(propertyPath, ValidationCodes.InvalidValue, $"'{property.Name}' is not allowed here"));
            else if (hasAdditional)
                Evaluate(additional, property.Value, propertyPath, issues);
        }
    }

    private void CheckOneOf(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        if (!schema.TryGetProperty("oneOf", out var branches))
            return;
        var matching = branches.EnumerateArray().Count(branch => Passes(branch, instance));
        if (matching == 1)
            return;
        issues.Add(schema.TryGetProperty("x-error", out var custom)
            ? new ValidationIssue(path, custom.GetProperty("code").GetString()!, custom.GetProperty("message").GetString()!)
            : new ValidationIssue(path, ValidationCodes.InvalidValue,
                matching == 0 ? "Matches none of the allowed shapes" : "Matches more than one of the allowed shapes"));
    }

    private void CheckConditional(JsonElement schema, JsonElement instance, string path, List<ValidationIssue> issues)
    {
        if (!schema.TryGetProperty("if", out var condition))
            return;
        var branch = Passes(condition, instance) ? "then" : "else";
        if (schema.TryGetProperty(branch, out var next))
            Evaluate(next, instance, path, issues);
    }

    private bool Passes(JsonElement schema, JsonElement instance)
    {
        var scratch = new List<ValidationIssue>();
        Evaluate(schema, instance, SpecPath.Root, scratch);
        return scratch.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)
            || !_root.TryGetProperty("$defs", out var defs)
            || !defs.TryGetProperty(reference[prefix.Length..], out var target))
            throw new InvalidOperationException($"Unresolvable $ref '{reference}'");
        return target;
    }

    private Regex Pattern(string pattern) =>
        _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    /// <summary>Refuses keywords this evaluator does not implement and dangling references, once, at load.</summary>
    private void CheckSchema(JsonElement schema, string location)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return;
        if (schema.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{location}: a schema must be an object or a boolean");

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!SupportedKeywords.Contains(keyword.Name))
                throw new InvalidOperationException($"{location}: unsupported keyword '{keyword.Name}'");
            var at = $"{location}/{keyword.Name}";
            switch (keyword.Name)
            {
                case "$ref":
                    Resolve(keyword.Value.GetString()!);
                    break;
                case "pattern":
                    Pattern(keyword.Value.GetString()!);
                    break;
                case "$defs" or "properties":
                    foreach (var child in keyword.Value.EnumerateObject())
                        CheckSchema(child.Value, $"{at}/{child.Name}");
                    break;
                case "oneOf":
                    var index = 0;
                    foreach (var child in keyword.Value.EnumerateArray())
                        CheckSchema(child, $"{at}/{index++}");
                    break;
                case "items" or "additionalProperties" or "if" or "then" or "else":
                    CheckSchema(keyword.Value, at);
                    break;
            }
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement instance) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(t.GetString()!, instance))
            : MatchesType(type.GetString()!, instance);

    private static bool MatchesType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && double.IsInteger(instance.GetDouble()),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"Unknown type '{type}'"),
    };

    private static string DescribeType(JsonElement type)
    {
        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
            : [type.GetString()!];
        if (names.Count == 0)
            return "null";
        return string.Join(" or ", names.Select(n => n is "array" or "object" or "integer" ? $"an {n}" : $"a {n}"));
    }

    private static string KindName(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Show(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.String ? $"'{instance.GetString()}'" : instance.GetRawText();

    /// <summary>The failing value for the response: scalars only, since objects and arrays would echo the spec back.</summary>
    private static object? ScalarValue(JsonElement instance) =>
        instance.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined
            ? null
            : instance.Clone();
}
