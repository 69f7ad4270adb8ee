namespace Framecast.LocalWorker.Rendering;

/// <summary>
/// What one scene clip shows. <see cref="BackgroundColor"/> null means a gradient picked from the scene id;
/// <see cref="ImagePaths"/> are local picture files shown in turn, each for an equal share of the scene.
/// </summary>
public sealed record SceneRenderRequest(
    string SceneId,
    string Prompt,
    double DurationSeconds,
    int Width,
    int Height,
    int Fps,
    string? BackgroundColor,
    IReadOnlyList<string> ImagePaths);
