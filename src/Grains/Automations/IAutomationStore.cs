using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>
/// Storage of the automation grain: its row (writes conditional on the version), its executions and its accepted
/// hook signatures. Only the automation's grain calls the writing methods.
/// </summary>
public interface IAutomationStore
{
    Task<AutomationSnapshot?> LoadAsync(Guid automationId);

    /// <exception cref="Abstractions.Errors.DomainException">PROJECT_NOT_FOUND when the project went meanwhile.</exception>
    Task<AutomationSnapshot> InsertAsync(Guid automationId, NewAutomation automation, string? secret);

    /// <exception cref="Persistence.StaleStateException">The row's version moved.</exception>
    Task<AutomationSnapshot> UpdateAsync(Guid automationId, long expectedVersion, AutomationRecord next, DateTimeOffset scheduleFrom);

    /// <summary>Disables the automation with its reason and, in the same transaction, enqueues an <c>automation.disabled</c>
    /// delivery for each active webhook of the team subscribed to it; returns the row and those webhooks.</summary>
    Task<(AutomationSnapshot Automation, IReadOnlyList<Guid> Webhooks)> DisableAsync(Guid automationId, long expectedVersion, string reason);

    Task DeleteAsync(Guid automationId);

    /// <summary>The newest scheduled occurrence that has an execution.</summary>
    Task<DateTimeOffset?> LastScheduledForAsync(Guid automationId);

    /// <summary>Inserts the execution as pending; false when its schedule occurrence already has one.</summary>
    Task<bool> ClaimAsync(NewExecution execution);

    Task<IReadOnlyList<PendingExecution>> PendingAsync(Guid automationId);

    Task<ExecutionRecord> SettleAsync(Guid executionId, ExecutionStatus status, Guid? jobId, string? reason, string? message);

    /// <summary>The newest executions created since <paramref name="since"/> first, with their jobs' status.</summary>
    Task<IReadOnlyList<ExecutionOutcome>> RecentOutcomesAsync(Guid automationId, DateTimeOffset since, int count);

    /// <summary>Records an accepted hook signature; false when it was accepted before (a replay).</summary>
    Task<bool> AcceptSignatureAsync(Guid automationId, string signature);

    /// <summary>The team's enabled asset_upload automations.</summary>
    Task<IReadOnlyList<Guid>> AssetAutomationsAsync(Guid teamId);

    /// <summary>Automations with an execution pending since before <paramref name="claimedBefore"/>: one whose silo died
    /// between its claim and its admission's answer.</summary>
    Task<IReadOnlyList<Guid>> ListWithPendingAsync(DateTimeOffset claimedBefore);

    /// <summary>Deletes executions older than 30 days and signatures past the replay window.</summary>
    Task<int> CleanupAsync();
}
