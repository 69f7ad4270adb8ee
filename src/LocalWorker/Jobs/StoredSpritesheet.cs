namespace Framecast.LocalWorker.Jobs;

/// <summary>The uploaded spritesheet and its grid, so a player can pick the tile for a time without opening the image.</summary>
public sealed record StoredSpritesheet(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("columns")] int Columns,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("frame_count")] int FrameCount,
    [property: JsonPropertyName("frame_width")] int FrameWidth,
    [property: JsonPropertyName("frame_height")] int FrameHeight,
    [property: JsonPropertyName("interval_seconds")] double IntervalSeconds);
