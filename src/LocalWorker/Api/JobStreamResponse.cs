namespace Framecast.LocalWorker.Api;

/// <summary>The /stream body, as RunPod answers it: the job's status and the items its handler yielded since the last read.</summary>
public sealed record JobStreamResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stream")] IReadOnlyList<StreamItem> Stream);
