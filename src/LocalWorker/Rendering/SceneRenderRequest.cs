namespace Framecast.LocalWorker.Rendering;

/// <summary>What one scene clip shows. <see cref="BackgroundColor"/> null means a gradient picked from the scene id.</summary>
public sealed record SceneRenderRequest(
    string SceneId,
    string Prompt,
    double DurationSeconds,
    int Width,
    int Height,
    int Fps,
    string? BackgroundColor);
