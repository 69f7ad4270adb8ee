using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Api.Automations;

/// <summary>One execution: the job it started (and that job's status now) or the reason it started none.</summary>
public sealed record ExecutionResponse(
    Guid Id,
    Guid AutomationId,
    string TriggerType,
    DateTimeOffset TriggeredAt,
    DateTimeOffset? ScheduledFor,
    string Status,
    Guid? JobId,
    string? JobStatus,
    string? Reason,
    string? Message,
    DateTimeOffset CreatedAt)
{
    public static ExecutionResponse From(ExecutionRecord e) => new(e.Id, e.AutomationId, e.TriggerType.ToDb(), e.TriggeredAt, e.ScheduledFor,
        e.Status.ToDb(), e.JobId, e.JobStatus?.ToString().ToLowerInvariant(), e.Reason, e.Message, e.CreatedAt);
}
