namespace Framecast.LocalWorker.Jobs;

public sealed record StoredObject(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("key")] string Key);
