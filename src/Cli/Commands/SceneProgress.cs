namespace Framecast.Cli.Commands;

/// <summary>
/// Each scene's share of a job's progress, from the events' <c>progress{percent, scenes_completed}</c>: finished scenes
/// are full, the scene in work gets what the overall percent has beyond them, the rest are empty. The API counts the
/// final stitching as one more step the size of a scene, so with n scenes each step is 100 / (n + 1) percent.
/// </summary>
public sealed class SceneProgress(IReadOnlyList<string> sceneIds)
{
    private readonly double[] _percent = new double[sceneIds.Count];

    public IReadOnlyList<string> SceneIds { get; } = sceneIds;

    public double this[int scene] => _percent[scene];

    public void Apply(Streaming.JobEvent e)
    {
        if (e.Type == "completed")
        {
            Array.Fill(_percent, 100);
            return;
        }
        if (e.Type == "scene_complete" && e.Data.TryGetProperty("scene_id", out var sceneId) && IndexOf(sceneId.GetString()) is { } done)
        {
            _percent[done] = 100;
        }
        if (!e.Data.TryGetProperty("progress", out var progress) || progress.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var completed = progress.TryGetProperty("scenes_completed", out var c) && c.TryGetInt32(out var n) ? Math.Min(n, _percent.Length) : 0;
        for (var i = 0; i < completed; i++)
        {
            _percent[i] = 100;
        }
        if (completed < _percent.Length && progress.TryGetProperty("percent", out var p) && p.TryGetDouble(out var overall))
        {
            var share = overall * (_percent.Length + 1) - completed * 100.0;
            // Percent never goes back, whatever order the events' rounding gives.
            _percent[completed] = Math.Max(_percent[completed], Math.Clamp(share, 0, 99));
        }
    }

    private int? IndexOf(string? sceneId)
    {
        for (var i = 0; i < SceneIds.Count; i++)
        {
            if (SceneIds[i] == sceneId)
            {
                return i;
            }
        }
        return null;
    }
}
