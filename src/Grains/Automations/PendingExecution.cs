using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>A claimed execution whose admission has not been answered yet.</summary>
public sealed record PendingExecution(ExecutionRecord Execution, string TriggerDataJson);
