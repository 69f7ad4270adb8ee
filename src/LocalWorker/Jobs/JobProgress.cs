namespace Framecast.LocalWorker.Jobs;

/// <summary>
/// The <c>output</c> of a running job, shaped like the ComfyUI worker's progress message
/// plus the scene being worked on.
/// </summary>
public sealed record JobProgress(
    [property: JsonPropertyName("value")] int Value,
    [property: JsonPropertyName("max")] int Max,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("scene_id")] string? SceneId,
    [property: JsonPropertyName("stage")] string Stage)
{
    [JsonPropertyName("type")]
    public string Type => "progress";

    [JsonPropertyName("percent")]
    public double Percent => Max == 0 ? 0 : Math.Round(100.0 * Value / Max, 1);
}
