namespace Framecast.LocalWorker.Workflow;

/// <summary>A node whose inputs were checked before anything ran, ready to execute.</summary>
public interface IWorkflowStep
{
    string NodeId { get; }

    Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
