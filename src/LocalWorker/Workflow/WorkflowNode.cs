using System.Text.Json;
using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary>One node of the API-format graph, with typed readers that fail as <c>validation</c>.</summary>
public sealed record WorkflowNode(string Id, string ClassType, JsonObject Inputs, IReadOnlyList<NodeLink> Dependencies)
{
    public string RequireString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw Invalid(name, "is required and must be a non-empty string");

    public string? OptionalString(string name) => Inputs[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(name, "must be a string"),
    };

    public double RequireNumber(string name) =>
        OptionalNumber(name) ?? throw Invalid(name, "is required and must be a number");

    public double? OptionalNumber(string name) => Inputs[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        _ => throw Invalid(name, "must be a number"),
    };

    public bool OptionalBool(string name, bool fallback) => Inputs[name] switch
    {
        null => fallback,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw Invalid(name, "must be a boolean"),
    };

    /// <summary>An absolute http(s) URL: the worker downloads it.</summary>
    public Uri RequireUrl(string name) => Url(name, RequireString(name));

    /// <summary>A list of absolute http(s) URLs; none when absent.</summary>
    public IReadOnlyList<Uri> OptionalUrls(string name) => Inputs[name] switch
    {
        null => [],
        JsonArray items when items.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String) =>
            items.Select(item => Url(name, item!.GetValue<string>())).ToList(),
        _ => throw Invalid(name, "must be a list of URL strings"),
    };

    private Uri Url(string name, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw Invalid(name, "must hold absolute http or https URLs");

    public NodeLink RequireLink(string name) =>
        NodeLink.TryParse(Inputs[name], out var link) ? link : throw Invalid(name, "must be a link [\"<node id>\", <output index>]");

    public IReadOnlyList<NodeLink> RequireLinks(string name)
    {
        // Only a list of links counts, so a bare link is not read as a one-item list.
        if (Inputs[name] is JsonArray { Count: > 0 } list && list[0] is JsonArray
            && NodeLink.FindIn(list) is { } links && links.Count == list.Count)
        {
            return links;
        }

        throw Invalid(name, "must be a non-empty list of links");
    }

    public IReadOnlyList<NodeLink> OptionalLinks(string name) =>
        Inputs[name] is null or JsonArray { Count: 0 } ? [] : RequireLinks(name);

    public JobFailedException Invalid(string input, string problem) =>
        JobFailedException.Validation($"Node {Id} ({ClassType}): input '{input}' {problem}.");
}
