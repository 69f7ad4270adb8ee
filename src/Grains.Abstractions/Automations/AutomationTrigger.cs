namespace Framecast.Grains.Abstractions.Automations;

/// <summary>An automation's trigger: <see cref="Cron"/> is set for schedules only; <see cref="TimeZone"/> is an IANA id.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AutomationTrigger")]
public sealed record AutomationTrigger(
    [property: Id(0)] AutomationTriggerType Type,
    [property: Id(1)] string? Cron,
    [property: Id(2)] string TimeZone);
