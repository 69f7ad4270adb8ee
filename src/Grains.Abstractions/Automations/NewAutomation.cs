namespace Framecast.Grains.Abstractions.Automations;

/// <summary>create_automation's input, its shape, cron, time zone and placeholders already checked by the API;
/// <see cref="JobOptionsJson"/> is the <c>options</c> object every job it starts gets (the worker steering, for one).</summary>
[GenerateSerializer, Immutable, Alias("framecast.NewAutomation")]
public sealed record NewAutomation(
    [property: Id(0)] Guid ProjectId,
    [property: Id(1)] Guid TeamId,
    [property: Id(2)] Guid CreatedBy,
    [property: Id(3)] string Name,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] AutomationTrigger Trigger,
    [property: Id(6)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(7)] string JobOptionsJson);
