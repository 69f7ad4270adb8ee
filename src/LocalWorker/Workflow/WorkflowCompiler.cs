using Framecast.LocalWorker.Workflow.Steps;

namespace Framecast.LocalWorker.Workflow;

/// <summary>Checks every node against its class type before rendering, so a bad graph fails in milliseconds.</summary>
public static class WorkflowCompiler
{
    public static CompiledWorkflow Compile(WorkflowGraph graph, FramecastContext framecast)
    {
        var registry = new StepRegistry();
        var steps = new List<IWorkflowStep>(graph.OrderedNodes.Count);
        foreach (var node in graph.OrderedNodes)
        {
            IWorkflowStep step = node.ClassType switch
            {
                NodeClassTypes.SceneClip => SceneClipStep.Compile(node),
                NodeClassTypes.Transition => TransitionStep.Compile(node, registry),
                NodeClassTypes.Concat => ConcatStep.Compile(node, registry),
                NodeClassTypes.SaveVideo => SaveVideoStep.Compile(node, registry, framecast.Output),
                NodeClassTypes.Audio => AudioStep.Compile(node),
                _ => throw JobFailedException.Validation(
                    $"Node {node.Id} has unknown class_type '{node.ClassType}'; this worker runs {string.Join(", ", NodeClassTypes.All)}."),
            };
            registry.Add(step);
            steps.Add(step);
        }

        var scenes = steps.OfType<SceneClipStep>().ToList();
        if (scenes.GroupBy(s => s.ObjectName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw JobFailedException.Validation(
                $"Scene nodes {string.Join(", ", duplicate.Select(s => s.NodeId))} would all upload {duplicate.Key}; scene ids must be unique.");
        }

        if (steps.OfType<SaveVideoStep>().Count() != 1)
        {
            throw JobFailedException.Validation($"input.workflow must have exactly one {NodeClassTypes.SaveVideo} node.");
        }

        return new CompiledWorkflow(steps, scenes.Count);
    }
}
