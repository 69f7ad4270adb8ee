using System.Text.Json;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Storyboards.Schema;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>The evaluator's keywords, on small schemas of their own.</summary>
public class JsonSchemaTests
{
    private static IReadOnlyList<ValidationIssue> Evaluate(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return JsonSchema.Parse(schema).Evaluate(document.RootElement);
    }

    [Fact]
    public void Unsupported_keyword_is_refused_when_the_schema_loads()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => JsonSchema.Parse("""{ "properties": { "a": { "format": "email" } } }"""));

        Assert.Contains("format", exception.Message);
    }

    [Fact]
    public void Dangling_ref_is_refused_when_the_schema_loads()
    {
        Assert.Throws<InvalidOperationException>(() => JsonSchema.Parse("""{ "$ref": "#/$defs/Missing" }"""));
    }

    [Fact]
    public void Pattern_failure_is_an_invalid_format()
    {
        var issues = Evaluate("""{ "properties": { "slug": { "type": "string", "pattern": "^[a-z]+$" } } }""", """{ "slug": "Nope" }""");

        var issue = Assert.Single(issues);
        Assert.Equal(("slug", ValidationCodes.InvalidFormat), (issue.Path, issue.Code));
    }

    [Fact]
    public void Const_failure_is_an_invalid_value()
    {
        var issues = Evaluate("""{ "const": 1 }""", "2");

        Assert.Equal(ValidationCodes.InvalidValue, Assert.Single(issues).Code);
    }

    [Fact]
    public void Additional_properties_false_refuses_unknown_fields()
    {
        var issues = Evaluate("""{ "properties": { "a": true }, "additionalProperties": false }""", """{ "a": 1, "b-c": 2 }""");

        Assert.Equal("[\"b-c\"]", Assert.Single(issues).Path);
    }

    [Fact]
    public void One_of_matching_no_branch_reports_once_at_the_instance()
    {
        var issues = Evaluate("""{ "properties": { "x": { "oneOf": [ { "type": "string" }, { "type": "number" } ] } } }""", """{ "x": true }""");

        var issue = Assert.Single(issues);
        Assert.Equal(("x", ValidationCodes.InvalidValue), (issue.Path, issue.Code));
    }

    [Fact]
    public void Conditional_applies_then_or_else_by_the_condition()
    {
        const string schema = """{ "if": { "type": "string" }, "then": { "minLength": 2 }, "else": { "type": "object", "required": ["type"] } }""";

        Assert.Equal(ValidationCodes.TooFew, Assert.Single(Evaluate(schema, "\"a\"")).Code);
        Assert.Equal("type", Assert.Single(Evaluate(schema, "{}")).Path);
        Assert.Empty(Evaluate(schema, "\"ab\""));
    }

    [Fact]
    public void Wrong_type_is_reported_alone()
    {
        var issues = Evaluate("""{ "type": "object", "required": ["a", "b"] }""", "[]");

        Assert.Equal(ValidationCodes.InvalidType, Assert.Single(issues).Code);
    }

    [Fact]
    public void Storyboard_schema_file_loads_with_supported_keywords_only()
    {
        Assert.NotNull(StoryboardSchema.Instance);
        Assert.Contains("2020-12", StoryboardSchema.Json);
    }
}
