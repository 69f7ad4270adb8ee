using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Automations;

/// <summary>An automation row as its grain holds it: the secret (webhook automations), the version, and
/// <see cref="ScheduleFrom"/>, when its current run began (create, or enabled again, or its trigger changed): no schedule
/// occurrence at or before it fires, and the failure streak counts only executions after it.</summary>
public sealed record AutomationSnapshot(AutomationRecord Automation, string? Secret, DateTimeOffset ScheduleFrom, long Version);

/// <summary>A firing about to be claimed. <see cref="TriggerDataJson"/> is <c>{payload?, asset?}</c>, what its templates read.</summary>
public sealed record NewExecution(Guid Id, Guid AutomationId, AutomationTriggerType TriggerType, DateTimeOffset TriggeredAt,
    DateTimeOffset? ScheduledFor, string TriggerDataJson);

/// <summary>A claimed execution whose admission has not been answered yet.</summary>
public sealed record PendingExecution(ExecutionRecord Execution, string TriggerDataJson);

/// <summary>What the failure streak reads of one execution: its status and its job's, joined at read time.</summary>
public sealed record ExecutionOutcome(ExecutionStatus Status, JobStatus? JobStatus, string? Reason);

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

    /// <summary>Deletes executions older than 30 days and signatures past the replay window.</summary>
    Task<int> CleanupAsync();
}
