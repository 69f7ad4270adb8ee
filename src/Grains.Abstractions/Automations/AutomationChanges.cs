namespace Framecast.Grains.Abstractions.Automations;

/// <summary>update_automation: the fields given (null = unchanged). The trigger's type cannot change; its cron and time zone can.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AutomationChanges")]
public sealed record AutomationChanges(
    [property: Id(0)] string? Name,
    [property: Id(1)] bool? Enabled,
    [property: Id(2)] AutomationTrigger? Trigger,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Variables,
    [property: Id(4)] string? JobOptionsJson);
