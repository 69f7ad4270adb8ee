using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Abstractions.Webhooks;

/// <summary>The events a webhook can subscribe to (spec 06 §8.1) and the job event each one follows.</summary>
public static class WebhookEventTypes
{
    /// <summary>Sent only by test_webhook; it cannot be subscribed to.</summary>
    public const string Test = "webhook.test";

    /// <summary>Sent when an automation of the team turned itself off after failing again and again (spec/automations.md).</summary>
    public const string AutomationDisabled = "automation.disabled";

    public static IReadOnlyList<string> All { get; } =
        ["job.queued", "job.started", "job.progress", "job.completed", "job.failed", "job.canceled", AutomationDisabled];

    public static bool IsSubscribable(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The webhook event of a job event; null for <c>scene_complete</c>, which sends none (spec 02 §2.6).</summary>
    public static string? ForJobEvent(JobEventType type) => type switch
    {
        JobEventType.Queued => "job.queued",
        JobEventType.Started => "job.started",
        JobEventType.Progress => "job.progress",
        JobEventType.Completed => "job.completed",
        JobEventType.Failed => "job.failed",
        JobEventType.Canceled => "job.canceled",
        _ => null,
    };
}
