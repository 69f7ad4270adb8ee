namespace Framecast.LocalWorker.Jobs;

/// <summary>A per-scene clip; it lives in the same bucket as the final video.</summary>
public sealed record StoredScene(
    [property: JsonPropertyName("scene_id")] string SceneId,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds);
