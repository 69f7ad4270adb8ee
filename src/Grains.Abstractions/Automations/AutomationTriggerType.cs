namespace Framecast.Grains.Abstractions.Automations;

/// <summary>What makes an automation fire. <see cref="Manual"/> is never an automation's own trigger: it marks an
/// execution started by the trigger endpoint.</summary>
[GenerateSerializer, Alias("framecast.AutomationTriggerType")]
public enum AutomationTriggerType
{
    Schedule,
    Webhook,
    AssetUpload,
    Manual,
}

public static class AutomationTriggerTypes
{
    /// <summary>The wire's and the database's spelling.</summary>
    public static string ToDb(this AutomationTriggerType type) => type switch
    {
        AutomationTriggerType.Schedule => "schedule",
        AutomationTriggerType.Webhook => "webhook",
        AutomationTriggerType.AssetUpload => "asset_upload",
        _ => "manual",
    };

    /// <summary>A stored value (executions may be manual).</summary>
    public static AutomationTriggerType Parse(string value) => value switch
    {
        "schedule" => AutomationTriggerType.Schedule,
        "webhook" => AutomationTriggerType.Webhook,
        "asset_upload" => AutomationTriggerType.AssetUpload,
        "manual" => AutomationTriggerType.Manual,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown trigger type."),
    };

    /// <summary>The three an automation may be created with, in their exact spelling.</summary>
    public static bool TryParseOwn(string? value, out AutomationTriggerType type)
    {
        type = value is "schedule" or "webhook" or "asset_upload" ? Parse(value) : default;
        return value is "schedule" or "webhook" or "asset_upload";
    }
}
