namespace Framecast.LocalWorker.Api;

/// <summary>Answer of /run, /cancel and /retry.</summary>
public sealed record RunResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status);
