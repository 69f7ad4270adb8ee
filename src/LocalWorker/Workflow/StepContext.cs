using Framecast.LocalWorker.Rendering;
using Framecast.LocalWorker.Storage;

namespace Framecast.LocalWorker.Workflow;

/// <summary>
/// What steps share while one job runs: results by node, the scenes rendered so far, progress
/// reporting, and the steering checkpoints where a requested failure or hang takes effect.
/// </summary>
public sealed class StepContext(
    string workDirectory,
    int sceneCount,
    SteeringOptions steering,
    IVideoRenderer renderer,
    OutputUploader uploader,
    MediaDownloader downloader,
    MediaProbe probe,
    Action<JobProgress> report)
{
    private readonly Dictionary<string, RenderedVideo> _videos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AudioTrack> _audio = new(StringComparer.Ordinal);
    private readonly List<RenderedScene> _scenes = [];
    private int _files;

    public IVideoRenderer Renderer { get; } = renderer;

    public OutputUploader Uploader { get; } = uploader;

    public MediaDownloader Downloader { get; } = downloader;

    public MediaProbe Probe { get; } = probe;

    public IReadOnlyList<RenderedScene> Scenes => _scenes;

    /// <summary>Set by the save step; it is the job's completion output.</summary>
    public JobCompletion? Completion { get; set; }

    /// <summary>Scenes plus one final step for assembly and upload, so 100% means everything is stored.</summary>
    private int ProgressMax => sceneCount + 1;

    public string NewFilePath(string extension) => Path.Combine(workDirectory, $"{_files++}{extension}");

    public RenderedVideo Video(NodeLink link) => _videos[link.NodeId];

    public void SetVideo(string nodeId, RenderedVideo video) => _videos[nodeId] = video;

    public AudioTrack Audio(NodeLink link) => _audio[link.NodeId];

    public void SetAudio(string nodeId, AudioTrack track) => _audio[nodeId] = track;

    public async Task BeginSceneAsync(string nodeId, string sceneId, CancellationToken cancellationToken)
    {
        report(new JobProgress(_scenes.Count, ProgressMax, nodeId, sceneId, "rendering"));
        await SteerAsync(_scenes.Count, sceneId, cancellationToken);
        if (steering.DelayMs is > 0 and var delay)
        {
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>Each finished scene is a progress step of its own, so a reader of /stream sees every one.</summary>
    public void SceneRendered(string nodeId, RenderedScene scene)
    {
        _scenes.Add(scene);
        SetVideo(nodeId, scene.Video);
        report(new JobProgress(_scenes.Count, ProgressMax, nodeId, scene.SceneId, "rendered"));
    }

    public Task BeginAssemblyAsync(string nodeId, CancellationToken cancellationToken)
    {
        report(new JobProgress(_scenes.Count, ProgressMax, nodeId, null, "assembling"));
        return SteerAsync(sceneCount, null, cancellationToken);
    }

    public void BeginUpload(string nodeId) => report(new JobProgress(_scenes.Count, ProgressMax, nodeId, null, "uploading"));

    /// <summary>Checkpoint i is the start of scene i; checkpoint sceneCount is the assembly.</summary>
    private async Task SteerAsync(int checkpoint, string? sceneId, CancellationToken cancellationToken)
    {
        if (checkpoint != Math.Min(steering.FailAtScene ?? 0, sceneCount))
        {
            return;
        }

        switch (steering.Outcome)
        {
            case SteeringOptions.Fail:
                throw new JobFailedException(
                    steering.FailureType ?? FailureTypes.System,
                    $"Failure requested by local_worker.outcome=fail at checkpoint {checkpoint}.",
                    sceneId);
            case SteeringOptions.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }
}
