namespace Framecast.LocalWorker.Workflow;

/// <summary>Steps in execution order, and how many scenes they render (the progress denominator).</summary>
public sealed record CompiledWorkflow(IReadOnlyList<IWorkflowStep> Steps, int SceneCount);
