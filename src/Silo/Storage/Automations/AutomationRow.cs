using System.Text.Json;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Automations;

namespace Framecast.Silo.Storage.Automations;

/// <summary>An automations row as Dapper reads it with <see cref="Columns"/>.</summary>
internal sealed class AutomationRow
{
    public const string Columns = """
        a.id AS Id, a.project_id AS ProjectId, a.team_id AS TeamId, a.created_by AS CreatedBy, a.name AS Name, a.enabled AS Enabled,
        a.trigger_type AS TriggerType, a.cron AS Cron, a.timezone AS TimeZone, a.variables::text AS Variables, a.job_options::text AS JobOptions,
        a.secret AS Secret, a.disabled_reason AS DisabledReason, a.schedule_from AS ScheduleFrom, a.version AS Version,
        a.created_at AS CreatedAt, a.updated_at AS UpdatedAt
        """;

    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }
    public string TriggerType { get; set; } = "";
    public string? Cron { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string Variables { get; set; } = "{}";
    public string JobOptions { get; set; } = "{}";
    public string? Secret { get; set; }
    public string? DisabledReason { get; set; }
    public DateTime ScheduleFrom { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public AutomationRecord ToRecord() => new(Id, ProjectId, TeamId, CreatedBy, Name, Enabled,
        new AutomationTrigger(AutomationTriggerTypes.Parse(TriggerType), Cron, TimeZone),
        JsonSerializer.Deserialize<Dictionary<string, string>>(Variables) ?? [], DisabledReason,
        Utc(CreatedAt), Utc(UpdatedAt), JobOptions);

    public AutomationSnapshot ToSnapshot() => new(ToRecord(), Secret, Utc(ScheduleFrom), Version);

    internal static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc), TimeSpan.Zero);
}
