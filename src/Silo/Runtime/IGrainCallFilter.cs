namespace Framecast.Silo.Runtime;

/// <summary>Runs around every grain call inside its turn: the hook for logging, metrics and tracing.</summary>
public interface IGrainCallFilter
{
    Task InvokeAsync(GrainCallContext context, Func<Task> next);
}
