namespace Framecast.LocalWorker.Workflow;

/// <summary>The steps compiled so far, for type-checking links before any rendering starts.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IWorkflowStep> _steps = new(StringComparer.Ordinal);

    public void Add(IWorkflowStep step) => _steps.Add(step.NodeId, step);

    /// <summary>The step a link points at, which must be a <typeparamref name="T"/>.</summary>
    public T Resolve<T>(WorkflowNode node, string input, NodeLink link, string expected)
        where T : class, IWorkflowStep
    {
        if (link.OutputIndex != 0)
        {
            throw node.Invalid(input, $"links to output {link.OutputIndex} of node {link.NodeId}, but Framecast nodes have only output 0");
        }

        // The graph is compiled in topological order, so a linked node is always present here.
        return _steps[link.NodeId] as T
            ?? throw node.Invalid(input, $"must link to {expected}, but node {link.NodeId} is not one");
    }
}
