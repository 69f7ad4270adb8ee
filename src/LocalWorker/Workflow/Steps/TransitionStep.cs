using Framecast.LocalWorker.Rendering;

namespace Framecast.LocalWorker.Workflow.Steps;

/// <summary>
/// <c>FramecastTransition</c>: how the clip at <c>from</c> meets the clip at <c>to</c>. It renders
/// nothing itself; the concat node that lists both clips applies it.
/// </summary>
public sealed class TransitionStep(string nodeId, string fromNodeId, string toNodeId, ClipJoin join) : IWorkflowStep
{
    private const double DefaultDurationSeconds = 0.5;

    public string NodeId { get; } = nodeId;

    public string FromNodeId { get; } = fromNodeId;

    public string ToNodeId { get; } = toNodeId;

    public ClipJoin Join { get; } = join;

    public static TransitionStep Compile(WorkflowNode node, StepRegistry registry)
    {
        var type = node.RequireString("type");
        if (!TransitionCatalog.TryResolve(type, out var xfade))
        {
            throw node.Invalid("type", $"'{type}' is not a transition type (cut, fade, dissolve, wipe, blur, zoom, flash, glitch, custom, or an ffmpeg xfade name)");
        }

        var duration = node.OptionalNumber("duration_seconds") ?? DefaultDurationSeconds;
        if (xfade is not null && duration <= 0)
        {
            throw node.Invalid("duration_seconds", "must be > 0");
        }

        var from = registry.Resolve<IVideoStep>(node, "from", node.RequireLink("from"), "a video node");
        var to = registry.Resolve<IVideoStep>(node, "to", node.RequireLink("to"), "a video node");
        return new TransitionStep(node.Id, from.NodeId, to.NodeId, xfade is null ? ClipJoin.Cut : new ClipJoin(xfade, duration));
    }

    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
