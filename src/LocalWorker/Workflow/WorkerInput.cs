using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary>The job's <c>input</c>, parsed: <c>{"workflow": {...}, "framecast": {...}}</c>.</summary>
public sealed record WorkerInput(WorkflowGraph Workflow, FramecastContext Framecast, SteeringOptions Steering)
{
    /// <summary>Throws a <c>validation</c> JobFailedException; RunPod accepts any input and lets the worker fail it.</summary>
    public static WorkerInput Parse(JsonObject input)
    {
        var framecast = FramecastContext.Parse(input["framecast"]);
        return new WorkerInput(WorkflowGraph.Parse(input["workflow"]), framecast, framecast.Steering());
    }
}
