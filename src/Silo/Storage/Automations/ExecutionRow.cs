using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Silo.Storage.Automations;

/// <summary>An automation_executions row with its job's status (joined at read time: the job grain is that column's writer).</summary>
internal sealed class ExecutionRow
{
    public const string Columns = """
        e.id AS Id, e.automation_id AS AutomationId, e.trigger_type AS TriggerType, e.triggered_at AS TriggeredAt,
        e.scheduled_for AS ScheduledFor, e.status AS Status, e.job_id AS JobId, j.status::text AS JobStatus, e.reason AS Reason,
        e.message AS Message, e.trigger_data::text AS TriggerData, e.created_at AS CreatedAt
        """;

    public const string From = "automation_executions e LEFT JOIN jobs j ON j.id = e.job_id";

    public Guid Id { get; set; }
    public Guid AutomationId { get; set; }
    public string TriggerType { get; set; } = "";
    public DateTime TriggeredAt { get; set; }
    public DateTime? ScheduledFor { get; set; }
    public string Status { get; set; } = "";
    public Guid? JobId { get; set; }
    public string? JobStatus { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string TriggerData { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }

    public ExecutionRecord ToRecord() => new(Id, AutomationId, AutomationTriggerTypes.Parse(TriggerType), AutomationRow.Utc(TriggeredAt),
        ScheduledFor is { } at ? AutomationRow.Utc(at) : null, ExecutionStates.Parse(Status), JobId,
        JobStatus is null ? null : Enum.Parse<JobStatus>(JobStatus, ignoreCase: true), Reason, Message, AutomationRow.Utc(CreatedAt));
}
