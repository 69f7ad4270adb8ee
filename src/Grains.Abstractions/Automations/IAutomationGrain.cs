namespace Framecast.Grains.Abstractions.Automations;

/// <summary>
/// One automation: the only writer of its row, its executions and its accepted hook signatures, so two firings of one
/// automation never interleave (the failure streak and the auto-disable are decided on what the previous turn wrote).
/// A schedule is held by this grain's reminder, which brings it back on another silo when its silo dies; the
/// executions' UNIQUE (automation_id, scheduled_for) makes an occurrence fire once whatever activations meet.
/// The API checks the caller's role and the input before it calls.
/// </summary>
[Alias("framecast.IAutomationGrain")]
public interface IAutomationGrain : IGrainWithGuidKey, IRemindable
{
    [ReadOnly]
    Task<AutomationRecord?> GetAsync();

    Task<AutomationWithSecret> CreateAsync(NewAutomation automation);

    Task<AutomationRecord> UpdateAsync(AutomationChanges changes);

    Task DeleteAsync();

    /// <summary>The trigger endpoint: fires now with <paramref name="payloadJson"/> (a JSON object) as <c>trigger.payload</c>.</summary>
    Task<ExecutionRecord> TriggerAsync(string payloadJson);

    /// <summary>The inbound hook: checks the signature (401), then fires with the body as <c>trigger.payload</c>.</summary>
    Task<ExecutionRecord> HookAsync(HookCall call);

    /// <summary>Admits again (same idempotency key) the executions claimed but never answered, a silo having died between;
    /// those older than the catch-up window fail as not_started. The sweep calls it; a schedule's tick does it too.</summary>
    [OneWay]
    Task ResumePendingAsync();

    /// <summary>An upload of the team was confirmed. One-way: the confirm never waits for it.</summary>
    [OneWay]
    Task AssetUploadedAsync(UploadedAsset asset);
}
