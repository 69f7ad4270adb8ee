namespace Framecast.LocalWorker.Jobs;

/// <summary>The <c>output</c> of a COMPLETED job: where the files were uploaded.</summary>
public sealed record JobCompletion(
    [property: JsonPropertyName("video")] StoredVideo Video,
    [property: JsonPropertyName("scenes")] IReadOnlyList<StoredScene> Scenes,
    [property: JsonPropertyName("thumbnail")] StoredObject Thumbnail,
    [property: JsonPropertyName("spritesheet")] StoredSpritesheet Spritesheet);
