namespace Framecast.LocalWorker.Workflow;

/// <summary>The custom ComfyUI node types this worker executes; see spec/worker-input.md.</summary>
public static class NodeClassTypes
{
    public const string SceneClip = "FramecastSceneClip";
    public const string Transition = "FramecastTransition";
    public const string Concat = "FramecastConcat";
    public const string SaveVideo = "FramecastSaveVideo";
    public const string Audio = "FramecastAudio";

    public static readonly IReadOnlyList<string> All = [SceneClip, Transition, Concat, SaveVideo, Audio];
}
