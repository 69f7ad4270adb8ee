using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Automations;

/// <summary>
/// One automation (see <see cref="IAutomationGrain"/>). A firing is claimed first — an execution row, pending — and then
/// admitted through <see cref="JobAdmitter"/> with the execution's id as the idempotency key, so a firing interrupted
/// between the two (a silo's death) is admitted again at the next tick and still becomes at most one job. Every limit
/// is the credit pool's: a refusal is recorded as the execution's outcome, never retried in a loop.
/// </summary>
public sealed class AutomationGrain(
    IAutomationStore store,
    JobAdmitter admitter,
    AutomationOptions options,
    TimeProvider clock,
    ILogger<AutomationGrain> logger) : Grain, IAutomationGrain
{
    private const string ScheduleReminder = "schedule";

    /// <summary>How many recent executions the failure streak looks at (at least the threshold).</summary>
    private int StreakWindow => options.MaxConsecutiveFailures + 20;

    private AutomationSnapshot? _state;
    private bool _loaded;

    private Guid AutomationId => this.GetPrimaryKey();

    public async Task<AutomationRecord?> GetAsync() => (await CurrentAsync())?.Automation;

    public async Task<AutomationWithSecret> CreateAsync(NewAutomation automation)
    {
        if (await CurrentAsync() is not null)
        {
            throw new InvalidOperationException($"Automation {AutomationId} already exists.");
        }
        var secret = automation.Trigger.Type == AutomationTriggerType.Webhook ? HookSignature.NewSecret() : null;
        _state = await store.InsertAsync(AutomationId, automation, secret);
        await SyncReminderAsync();
        return new AutomationWithSecret(_state.Automation, secret);
    }

    public async Task<AutomationRecord> UpdateAsync(AutomationChanges changes)
    {
        var state = await RequireAsync();
        var current = state.Automation;
        var next = current with
        {
            Name = changes.Name ?? current.Name,
            Enabled = changes.Enabled ?? current.Enabled,
            Trigger = changes.Trigger ?? current.Trigger,
            Variables = changes.Variables ?? current.Variables,
            JobOptionsJson = changes.JobOptionsJson ?? current.JobOptionsJson,
            // Enabling again clears why it was off.
            DisabledReason = changes.Enabled == true ? null : current.DisabledReason,
        };
        // A schedule (re)enabled or changed starts from now: what fell due while it was off or different is not caught up.
        // So does the failure streak.
        var restarted = (next.Enabled && !current.Enabled) || next.Trigger != current.Trigger;
        _state = await store.UpdateAsync(AutomationId, state.Version, next, restarted ? clock.GetUtcNow() : state.ScheduleFrom);
        await SyncReminderAsync();
        return _state.Automation;
    }

    public async Task DeleteAsync()
    {
        await RequireAsync();
        await store.DeleteAsync(AutomationId);
        _state = null;
        await SyncReminderAsync();
        DeactivateOnIdle();
    }

    public async Task<ExecutionRecord> TriggerAsync(string payloadJson)
    {
        var state = await RequireEnabledAsync();
        return await FireAsync(state, AutomationTriggerType.Manual, null, new JsonObject { ["payload"] = JsonNode.Parse(payloadJson) })
            ?? throw Disabled(_state!.Automation);
    }

    public async Task<ExecutionRecord> HookAsync(HookCall call)
    {
        var state = await CurrentAsync();
        if (state is null || state.Automation.Trigger.Type != AutomationTriggerType.Webhook || state.Secret is null)
        {
            throw new DomainException(ErrorCodes.AutomationNotFound, "No such webhook automation.");
        }
        var (signature, problem) = HookSignature.Verify(call.SignatureHeader, state.Secret, call.Body, clock.GetUtcNow());
        if (signature is null)
        {
            throw new DomainException(ErrorCodes.Unauthenticated, problem!);
        }
        var payload = ParsePayload(call.Body);
        if (!state.Automation.Enabled)
        {
            throw Disabled(state.Automation);
        }
        bool accepted;
        try
        {
            accepted = await store.AcceptSignatureAsync(AutomationId, signature);
        }
        catch (DomainException gone) when (gone.Error == ErrorCodes.AutomationNotFound)
        {
            _state = null;
            await SyncReminderAsync();
            throw;
        }
        if (!accepted)
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "This signature was already used; sign every request anew.");
        }
        return await FireAsync(state, AutomationTriggerType.Webhook, null, new JsonObject { ["payload"] = payload })
            ?? throw Disabled(_state!.Automation);
    }

    public async Task AssetUploadedAsync(UploadedAsset asset)
    {
        if (await CurrentAsync() is not { Automation: { Enabled: true, Trigger.Type: AutomationTriggerType.AssetUpload } } state)
        {
            return;
        }
        var data = new JsonObject
        {
            ["asset"] = new JsonObject
            {
                ["id"] = asset.Id.ToString("D"),
                ["url"] = asset.Url,
                ["filename"] = asset.Filename,
                ["content_type"] = asset.ContentType,
            },
        };
        await FireAsync(state, AutomationTriggerType.AssetUpload, null, data);
    }

    /// <summary>
    /// A schedule tick: executions a previous activation claimed but could not admit go first (same idempotency key:
    /// the job they may already have is found, not doubled), then every occurrence due since the last one fired, at most
    /// <see cref="AutomationOptions.CatchUp"/> back.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Read afresh: the row goes with its project or team (ON DELETE CASCADE), and nothing tells this grain.
        _state = await store.LoadAsync(AutomationId);
        _loaded = true;
        var state = _state;
        if (state is not { Automation: { Enabled: true, Trigger.Type: AutomationTriggerType.Schedule } })
        {
            await SyncReminderAsync();
            return;
        }
        await RunPendingAsync(state);
        var now = clock.GetUtcNow();
        var cron = AutomationRules.ParseCron(state.Automation.Trigger.Cron);
        var zone = AutomationRules.ParseTimeZone(state.Automation.Trigger.TimeZone);
        var from = new[] { state.ScheduleFrom, now - options.CatchUp, await store.LastScheduledForAsync(AutomationId) ?? DateTimeOffset.MinValue }.Max();
        foreach (var occurrence in cron.GetOccurrences(from.UtcDateTime, now.UtcDateTime, zone, fromInclusive: false, toInclusive: true))
        {
            if (_state is not { Automation.Enabled: true })
            {
                break;
            }
            try
            {
                await FireAsync(_state, AutomationTriggerType.Schedule, new DateTimeOffset(occurrence, TimeSpan.Zero), new JsonObject());
            }
            catch (Exception e)
            {
                // Claimed or not, the next tick sees it: a claimed one is pending, an unclaimed one is still due.
                logger.LogWarning(e, "Automation {AutomationId}: the occurrence {Occurrence:O} did not fire yet", AutomationId, occurrence);
            }
        }
        // Jobs end after their execution was recorded: a streak can complete between firings.
        await CheckStreakAsync();
    }

    public async Task ResumePendingAsync()
    {
        _state = await store.LoadAsync(AutomationId);
        _loaded = true;
        if (_state is { } state)
        {
            await RunPendingAsync(state);
        }
    }

    /// <summary>Executions claimed but not answered (their silo died between): admitted again with the same idempotency
    /// key, so the job they may already have is found, not doubled; past the catch-up window they fail.</summary>
    private async Task RunPendingAsync(AutomationSnapshot state)
    {
        var now = clock.GetUtcNow();
        foreach (var pending in await store.PendingAsync(AutomationId))
        {
            if (now - pending.Execution.TriggeredAt > options.CatchUp)
            {
                await store.SettleAsync(pending.Execution.Id, ExecutionStatus.Failed, null, "not_started", "The execution could not be admitted in time.");
                continue;
            }
            try
            {
                await RunAsync(state, pending.Execution, JsonNode.Parse(pending.TriggerDataJson)!.AsObject());
            }
            catch (Exception e)
            {
                // It stays pending for the next try; the rest still run.
                logger.LogWarning(e, "Automation {AutomationId}: pending execution {ExecutionId} not admitted", AutomationId, pending.Execution.Id);
            }
        }
    }

    /// <summary>
    /// Claims an execution and runs it; null when the schedule occurrence was already claimed (by any activation), or
    /// when the streak, looked at first, has just disabled the automation (jobs that failed since the last firing count).
    /// </summary>
    private async Task<ExecutionRecord?> FireAsync(AutomationSnapshot state, AutomationTriggerType type, DateTimeOffset? scheduledFor, JsonObject data)
    {
        await CheckStreakAsync();
        if (_state is not { Automation.Enabled: true })
        {
            return null;
        }
        state = _state;
        var execution = new NewExecution(Guid.NewGuid(), AutomationId, type, scheduledFor ?? clock.GetUtcNow(), scheduledFor, data.ToJsonString());
        try
        {
            if (!await store.ClaimAsync(execution))
            {
                return null;
            }
        }
        catch (DomainException gone) when (gone.Error == ErrorCodes.AutomationNotFound)
        {
            // Deleted with its project or team since this activation read it.
            _state = null;
            await SyncReminderAsync();
            throw;
        }
        var claimed = new ExecutionRecord(execution.Id, AutomationId, type, execution.TriggeredAt, scheduledFor, ExecutionStatus.Pending,
            null, null, null, null, execution.TriggeredAt);
        ExecutionRecord outcome;
        try
        {
            outcome = await RunAsync(state, claimed, data);
        }
        catch (Exception e)
        {
            // Its outcome is unknown (the project grain or the database did not answer): it stays pending, and the next
            // schedule tick or the sweep admits it again under the same idempotency key.
            logger.LogWarning(e, "Automation {AutomationId}: execution {ExecutionId} left pending", AutomationId, execution.Id);
            outcome = claimed;
        }
        await CheckStreakAsync();
        return outcome;
    }

    /// <summary>Renders the project's storyboard for this firing and asks for its job; records the outcome on the execution.</summary>
    private async Task<ExecutionRecord> RunAsync(AutomationSnapshot state, ExecutionRecord execution, JsonObject data)
    {
        var automation = state.Automation;
        var project = await GrainFactory.GetGrain<IProjectGrain>(automation.ProjectId).GetAsync();
        if (project is null)
        {
            return await store.SettleAsync(execution.Id, ExecutionStatus.Failed, null, "project_missing", "The project no longer exists.");
        }
        if (project.Status == ProjectStatus.Archived)
        {
            return await store.SettleAsync(execution.Id, ExecutionStatus.Failed, null, "project_archived", "The project is archived.");
        }
        if (project.SpecJson is null)
        {
            return await store.SettleAsync(execution.Id, ExecutionStatus.Failed, null, "spec_missing", "The project has no storyboard yet.");
        }
        JsonElement spec;
        try
        {
            using var stored = JsonDocument.Parse(project.SpecJson);
            JsonElement? payload = data["payload"] is { } p ? JsonSerializer.SerializeToElement(p) : null;
            UploadedAsset? asset = data["asset"] is JsonObject a
                ? new UploadedAsset(Guid.Parse((string)a["id"]!), (string)a["url"]!, (string)a["filename"]!, (string)a["content_type"]!)
                : null;
            spec = AutomationTemplate.Render(stored.RootElement, new TemplateContext(execution.TriggeredAt, payload, asset, automation.Variables));
            StorableText.RequireStorable("spec", spec);
        }
        catch (MissingTemplateValueException missing)
        {
            return await store.SettleAsync(execution.Id, ExecutionStatus.Failed, null, "missing_variable", missing.Message);
        }
        catch (DomainException invalid)
        {
            return await store.SettleAsync(execution.Id, ExecutionStatus.Failed, null, "spec_invalid", invalid.Message);
        }
        var owner = OwnerUrn.ForTeam(automation.TeamId);
        using var jobOptions = JsonDocument.Parse(automation.JobOptionsJson);
        var request = new JobRequest(owner, automation.CreatedBy, spec, jobOptions.RootElement.Clone(), automation.ProjectId,
            IdempotencyKey: $"automation:{execution.Id:N}");
        try
        {
            var admitted = await admitter.AdmitAsync(request, new AssetLookupScope([owner], owner), CancellationToken.None);
            var started = await store.SettleAsync(execution.Id, ExecutionStatus.Started, admitted.Job.Id, null, null);
            return started with { JobStatus = admitted.Job.Status };
        }
        catch (DomainException refused)
        {
            var (status, reason) = Outcome(refused);
            return await store.SettleAsync(execution.Id, status, null, reason, Truncate(refused.Message));
        }
    }

    /// <summary>A limit is a skip (the next firing may pass); anything else about the job itself is a failure.</summary>
    private static (ExecutionStatus, string) Outcome(DomainException refused)
    {
        var code = refused.Error.Code;
        if (code == ErrorCodes.ConcurrentJobLimit.Code || code == ErrorCodes.InsufficientCredits.Code || code == ErrorCodes.ProjectJobActive.Code)
        {
            return (ExecutionStatus.Skipped, code.ToLowerInvariant());
        }
        if (code == ErrorCodes.InvalidProjectState.Code)
        {
            // The project is rendering (another job of it is active): the pool's word for INV-J12 then.
            return (ExecutionStatus.Skipped, "project_job_active");
        }
        return (ExecutionStatus.Failed, code.ToLowerInvariant());
    }

    /// <summary>
    /// Counts the newest executions that did not lead to a completed job — skipped, failed, or whose job failed or was
    /// canceled; a job still active counts neither way — and disables the automation at the threshold, telling the
    /// team's webhooks in the same transaction.
    /// </summary>
    private async Task CheckStreakAsync()
    {
        if (_state is not { Automation.Enabled: true } state)
        {
            return;
        }
        var failures = 0;
        string? last = null;
        foreach (var outcome in await store.RecentOutcomesAsync(AutomationId, state.ScheduleFrom, StreakWindow))
        {
            if (outcome.Status == ExecutionStatus.Pending || outcome.JobStatus is JobStatus.Queued or JobStatus.Processing)
            {
                continue;
            }
            if (outcome.JobStatus == JobStatus.Completed)
            {
                break;
            }
            last ??= outcome.Reason ?? (outcome.JobStatus is { } job ? $"job_{job.ToString().ToLowerInvariant()}" : "failed");
            failures++;
        }
        if (failures < options.MaxConsecutiveFailures)
        {
            return;
        }
        var reason = $"Disabled after {failures} consecutive executions without a completed job (the last: {last}).";
        var (disabled, webhooks) = await store.DisableAsync(AutomationId, state.Version, reason);
        _state = disabled;
        logger.LogInformation("Automation {AutomationId} disabled itself: {Reason}", AutomationId, reason);
        await SyncReminderAsync();
        foreach (var webhookId in webhooks)
        {
            // One-way: the webhook sweep wakes any whose poke is lost.
            _ = GrainFactory.GetGrain<IWebhookGrain>(webhookId).PokeAsync();
        }
    }

    /// <summary>A schedule that is on holds the reminder; anything else holds none.</summary>
    private async Task SyncReminderAsync()
    {
        var wanted = _state is { Automation: { Enabled: true, Trigger.Type: AutomationTriggerType.Schedule } };
        var reminder = await this.GetReminder(ScheduleReminder);
        if (wanted && reminder is null)
        {
            await this.RegisterOrUpdateReminder(ScheduleReminder, options.ScheduleTick, options.ScheduleTick);
        }
        else if (!wanted && reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static JsonNode ParsePayload(byte[] body)
    {
        try
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            if (node is not JsonObject)
            {
                throw new DomainException(ErrorCodes.ValidationError, "The hook's body must be a JSON object.",
                    new Dictionary<string, object?> { ["field"] = "body" });
            }
            StorableText.RequireStorable("body", JsonSerializer.SerializeToElement(node));
            return node;
        }
        catch (JsonException)
        {
            throw new DomainException(ErrorCodes.ValidationError, "The hook's body must be a JSON object.",
                new Dictionary<string, object?> { ["field"] = "body" });
        }
    }

    private async Task<AutomationSnapshot?> CurrentAsync()
    {
        if (!_loaded)
        {
            _state = await store.LoadAsync(AutomationId);
            _loaded = true;
        }
        return _state;
    }

    private async Task<AutomationSnapshot> RequireAsync() =>
        await CurrentAsync() ?? throw new DomainException(ErrorCodes.AutomationNotFound, "No such automation.");

    private async Task<AutomationSnapshot> RequireEnabledAsync()
    {
        var state = await RequireAsync();
        return state.Automation.Enabled ? state : throw Disabled(state.Automation);
    }

    private static DomainException Disabled(AutomationRecord automation) =>
        new(ErrorCodes.AutomationDisabled, automation.DisabledReason is { } why ? $"The automation is disabled: {why}" : "The automation is disabled.",
            new Dictionary<string, object?> { ["disabled_reason"] = automation.DisabledReason });

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];
}
