namespace Framecast.Api.Automations;

/// <summary>An automation's trigger: <c>cron</c> is set for schedules only.</summary>
public sealed record TriggerResponse(string Type, string? Cron, string Timezone);
