using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Automations;

/// <summary>What the failure streak reads of one execution: its status and its job's, joined at read time.</summary>
public sealed record ExecutionOutcome(ExecutionStatus Status, JobStatus? JobStatus, string? Reason);
