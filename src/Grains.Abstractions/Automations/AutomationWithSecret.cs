namespace Framecast.Grains.Abstractions.Automations;

/// <summary>create_automation's answer: a webhook automation's signing secret is shown here and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AutomationWithSecret")]
public sealed record AutomationWithSecret([property: Id(0)] AutomationRecord Automation, [property: Id(1)] string? Secret);
