using Framecast.LocalWorker.Rendering;

namespace Framecast.LocalWorker.Workflow;

/// <summary>A finished scene clip and the object name it is uploaded under.</summary>
public sealed record RenderedScene(string SceneId, string ObjectName, RenderedVideo Video);
