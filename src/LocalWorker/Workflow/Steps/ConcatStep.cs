using Framecast.LocalWorker.Rendering;

namespace Framecast.LocalWorker.Workflow.Steps;

/// <summary>
/// <c>FramecastConcat</c>: plays <c>clips</c> in order; each transition in <c>transitions</c> applies
/// where its from/to clips are adjacent, every other junction is a cut.
/// </summary>
public sealed class ConcatStep(string nodeId, IReadOnlyList<NodeLink> clips, IReadOnlyList<ClipJoin> joins) : IVideoStep
{
    public string NodeId { get; } = nodeId;

    public static ConcatStep Compile(WorkflowNode node, StepRegistry registry)
    {
        var clips = node.RequireLinks("clips");
        foreach (var clip in clips)
        {
            registry.Resolve<IVideoStep>(node, "clips", clip, "a video node");
        }

        var joins = Enumerable.Repeat(ClipJoin.Cut, clips.Count - 1).ToArray();
        var assigned = new bool[joins.Length];
        foreach (var link in node.OptionalLinks("transitions"))
        {
            var transition = registry.Resolve<TransitionStep>(node, "transitions", link, NodeClassTypes.Transition);
            var matched = false;
            for (var i = 0; i < joins.Length; i++)
            {
                if (clips[i].NodeId != transition.FromNodeId || clips[i + 1].NodeId != transition.ToNodeId)
                {
                    continue;
                }

                if (assigned[i])
                {
                    throw node.Invalid("transitions", $"has two transitions between clips {i} and {i + 1}");
                }

                (joins[i], assigned[i], matched) = (transition.Join, true, true);
            }

            if (!matched)
            {
                throw node.Invalid("transitions", $"lists transition {transition.NodeId}, whose from/to clips are not adjacent in clips");
            }
        }

        return new ConcatStep(node.Id, clips, joins);
    }

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        await context.BeginAssemblyAsync(NodeId, cancellationToken);
        var videos = clips.Select(context.Video).ToList();
        var assembled = await context.Renderer.AssembleAsync(videos, joins, context.NewFilePath(".mp4"), cancellationToken);
        context.SetVideo(NodeId, assembled);
    }
}
