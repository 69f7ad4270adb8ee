using System.Text.Json;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Automations;

namespace Framecast.Api.Automations;

/// <summary>The Automation object: every field but the hook's secret. <c>next_run_at</c> for an enabled schedule;
/// <c>hook_url</c> (a path) for a webhook automation.</summary>
public sealed record AutomationResponse(
    Guid Id,
    Guid ProjectId,
    Guid TeamId,
    Guid CreatedBy,
    string Name,
    bool Enabled,
    TriggerResponse Trigger,
    IReadOnlyDictionary<string, string> Variables,
    JsonElement Options,
    string? HookUrl,
    DateTimeOffset? NextRunAt,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AutomationResponse From(AutomationRecord a, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        if (a is { Enabled: true, Trigger: { Type: AutomationTriggerType.Schedule, Cron: { } cron } })
        {
            var at = AutomationRules.ParseCron(cron).GetNextOccurrence(now.UtcDateTime, AutomationRules.ParseTimeZone(a.Trigger.TimeZone));
            next = at is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
        }
        using var options = JsonDocument.Parse(a.JobOptionsJson);
        return new(a.Id, a.ProjectId, a.TeamId, a.CreatedBy, a.Name, a.Enabled,
            new TriggerResponse(a.Trigger.Type.ToDb(), a.Trigger.Cron, a.Trigger.TimeZone), a.Variables, options.RootElement.Clone(),
            a.Trigger.Type == AutomationTriggerType.Webhook ? $"/v1/automations/{a.Id}/hook" : null, next, a.DisabledReason, a.CreatedAt, a.UpdatedAt);
    }
}
