using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Api.Automations;

/// <summary>create_automation's answer: a webhook automation's signing secret is shown here, once; null for other triggers.</summary>
public sealed record AutomationCreatedResponse(AutomationResponse Automation, string? Secret)
{
    public static AutomationCreatedResponse From(AutomationWithSecret created, DateTimeOffset now) =>
        new(AutomationResponse.From(created.Automation, now), created.Secret);
}
