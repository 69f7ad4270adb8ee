using System.Text.Json.Serialization;

namespace Framecast.Api.Errors;

/// <summary>The spec's error envelope: <c>{"error": {"code", "message", "details"}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details = null,
    // The spec names this one field in camelCase on 429 bodies.
    [property: JsonPropertyName("retryAfter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter = null);
