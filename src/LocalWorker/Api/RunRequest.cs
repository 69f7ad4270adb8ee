using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Api;

/// <summary>The body of <c>POST /v2/{endpointId}/run</c>.</summary>
public sealed record RunRequest(
    [property: JsonPropertyName("input")] JsonObject? Input,
    [property: JsonPropertyName("webhook")] string? Webhook,
    [property: JsonPropertyName("policy")] RunPolicy? Policy);
