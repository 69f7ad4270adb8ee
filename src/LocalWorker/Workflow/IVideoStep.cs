namespace Framecast.LocalWorker.Workflow;

/// <summary>A step whose output 0 is a video, which concat and save nodes may link to.</summary>
public interface IVideoStep : IWorkflowStep;
