namespace Framecast.LocalWorker.Api;

/// <summary>RunPod answers errors as <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);
