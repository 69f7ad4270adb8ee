using System.Text.Json.Serialization;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// An error or warning of the validation response (spec 06 §4). <see cref="Path"/> has no leading <c>$</c>
/// (e.g. <c>scenes[2].duration</c>; the whole spec is <c>""</c>). The optional fields are left out when null,
/// as the spec's error object has them optional.
/// </summary>
public sealed record ValidationIssue(string Path, string Code, string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ValidValues { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Limit { get; init; }
}
