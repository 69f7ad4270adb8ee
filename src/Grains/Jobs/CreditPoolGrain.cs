using System.Text.Json;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Usage;
using Framecast.Grains.Accounts;
using Framecast.Grains.Metrics;

namespace Framecast.Grains.Jobs;

/// <summary>
/// One credit pool, the only writer of its balance. Its turns are the only place jobs of the pool are
/// admitted and settled and credits granted, so the checks against the limits and the balance and
/// the writes that follow cannot interleave (CARD-5, CARD-6, INV-J12). Orleans keeps one activation;
/// the version check on the pool's columns fences the rare duplicate.
/// </summary>
public sealed class CreditPoolGrain(ICreditPoolStore store, TimeProvider clock, FramecastMetrics metrics) : Grain, ICreditPoolGrain
{
    private CreditPool _pool;
    private CreditPoolState _state = new(0, 0, 0, []);
    private bool _stale;
    // The month's usage as last read; this grain's own admissions and settlements are the only writes, and drop it.
    private UsagePeriod? _usage;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pool = CreditPool.Parse(this.GetPrimaryKeyString());
        return LoadAsync();
    }

    public Task RefreshAsync()
    {
        _stale = true;
        return Task.CompletedTask;
    }

    public async Task<UsagePeriod> GetUsageAsync()
    {
        var period = UsagePeriod.PeriodOf(clock.GetUtcNow());
        if (_usage?.Period != period)
        {
            _usage = await store.LoadUsageAsync(_pool, period);
        }
        return _usage;
    }

    public async Task<int> GetBalanceAsync()
    {
        await EnsureCurrentAsync();
        return _state.Credits;
    }

    private async Task EnsureCurrentAsync()
    {
        if (_stale)
        {
            _stale = false;
            _usage = null;
            await LoadAsync();
        }
    }

    private async Task LoadAsync() =>
        _state = await store.LoadAsync(_pool) ?? throw new DomainException(
            _pool.Kind == CreditPoolKind.User ? ErrorCodes.UserNotFound : ErrorCodes.TeamNotFound,
            $"The {(_pool.Kind == CreditPoolKind.User ? "user" : "team")} that owns these credits does not exist.");

    /// <summary>Why this pool cannot admit the job now, in the spec's guard order; null when it can.</summary>
    private DomainException? Refusal(AdmitJobCommand command)
    {
        // spec/pricing.md: the urgent lane is a creator and team feature.
        if (command.Priority == JobPriority.Urgent && !_state.UrgentAllowed)
        {
            return new DomainException(ErrorCodes.CreatorTierRequired, "Urgent priority needs the creator tier (or a team's credits).",
                new Dictionary<string, object?> { ["field"] = "priority" });
        }
        // CARD-5 / CARD-6: the owner's concurrency limit.
        if (_state.ActiveJobs.Count >= _state.ConcurrencyLimit)
        {
            return new DomainException(ErrorCodes.ConcurrentJobLimit,
                $"{command.Owner} already has {_state.ActiveJobs.Count} active jobs; the limit is {_state.ConcurrencyLimit}.",
                new Dictionary<string, object?> { ["limit"] = _state.ConcurrencyLimit, ["active"] = _state.ActiveJobs.Count });
        }
        // INV-J12: one active job per project.
        if (command.ProjectId is { } projectId && _state.ActiveJobs.Any(j => j.ProjectId == projectId))
        {
            return new DomainException(ErrorCodes.ProjectJobActive, "The project already has a queued or processing job.");
        }
        return _state.Credits < command.Credits
            ? new DomainException(ErrorCodes.InsufficientCredits,
                $"This job costs {command.Credits} credits; {_state.Credits} are available.",
                new Dictionary<string, object?> { ["required"] = command.Credits, ["available"] = _state.Credits })
            : null;
    }

    public async Task<AdmissionResult> AdmitAsync(AdmitJobCommand command)
    {
        await EnsureCurrentAsync();
        if (command.IdempotencyKey is { } key && await store.FindByIdempotencyKeyAsync(command.TriggeredBy, key) is { } existing)
        {
            return Replay(existing.Job, existing.RequestHash, command);
        }
        // This grain is the only writer of the balance and of its jobs' admission, so the refusal rests on current state.
        if (Refusal(command) is { } refusal)
        {
            throw refusal;
        }
        switch (await store.AdmitAsync(_pool, _state.Version, command))
        {
            case AdmitOutcome.Admitted admitted:
                _state = _state with
                {
                    Credits = _state.Credits - command.Credits,
                    Version = admitted.NewVersion,
                    ActiveJobs = [.. _state.ActiveJobs, new ActiveJob(admitted.Job.Id, admitted.Job.ProjectId)],
                };
                _usage = null;
                metrics.Admitted(command.Credits);
                // One-way: the job grain starts driving without holding up this turn; the sweep covers a lost message.
                _ = GrainFactory.GetGrain<IJobGrain>(admitted.Job.Id).StartAsync(admitted.Job);
                await TellProjectAsync(admitted.Job);
                return new AdmissionResult(admitted.Job, Created: true);
            case AdmitOutcome.DuplicateKey:
                // A retry with the same key won a race on another pool or silo: answer with its job.
                var winner = await store.FindByIdempotencyKeyAsync(command.TriggeredBy, command.IdempotencyKey!)
                    ?? throw new InvalidOperationException("The job holding the idempotency key vanished.");
                return Replay(winner.Job, winner.RequestHash, command);
            default:
                throw new InvalidOperationException("Unknown admission outcome.");
        }
    }

    /// <summary><paramref name="job"/> is the job grain's copy, current because that grain writes the job's progress;
    /// the store's update is conditional on the job still being active, so a stale copy can never settle twice.</summary>
    public async Task<JobRecord> SettleAsync(JobRecord job, JobSettlement settlement)
    {
        await EnsureCurrentAsync();
        if (job.Status.IsTerminal())
        {
            return job;
        }
        var refund = RefundPolicy.Refund(job.CreditsCharged, settlement.Status, settlement.FailureType, Percent(job.Progress));
        var settled = await store.SettleAsync(_pool, _state.Version, job, settlement, refund);
        if (settled is null)
        {
            // The copy was behind: the job had already ended, and this pool's balance may have moved with it.
            var current = await store.FindJobAsync(job.Id);
            _usage = null;
            await LoadAsync();
            return current;
        }
        var (ended, version) = settled.Value;
        _state = _state with
        {
            Credits = _state.Credits + refund,
            Version = version,
            ActiveJobs = [.. _state.ActiveJobs.Where(j => j.Id != job.Id)],
        };
        _usage = null;
        metrics.Settled(ended.Status, ended.FailureType, refund);
        await TellProjectAsync(ended);
        return ended;
    }

    /// <summary>The transaction moved the project's render status (spec 04 §5.4): its grain reloads before its next call.</summary>
    private Task TellProjectAsync(JobRecord job) =>
        job.ProjectId is { } projectId ? GrainFactory.GetGrain<IProjectGrain>(projectId).RefreshAsync() : Task.CompletedTask;

    public async Task<CreditChange> AdjustCreditsAsync(int delta, string reason, Guid? jobId)
    {
        await EnsureCurrentAsync();
        CreditRules.Check(delta, reason);
        if (_state.Credits + (long)delta < 0)
        {
            throw new DomainException(ErrorCodes.InsufficientCredits,
                $"The balance ({_state.Credits}) is lower than the debit ({-delta}); credits never go below zero.",
                new Dictionary<string, object?> { ["balance"] = _state.Credits, ["requested"] = -delta });
        }
        var (change, version) = await store.AdjustAsync(_pool, _state.Version, delta, reason, jobId);
        _state = _state with { Credits = change.BalanceAfter, Version = version };
        return change;
    }

    private static AdmissionResult Replay(JobRecord job, string? requestHash, AdmitJobCommand command) =>
        requestHash == command.RequestHash
            ? new AdmissionResult(job, Created: false)
            : throw new DomainException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency_key was already used for a different request.",
                new Dictionary<string, object?> { ["job_id"] = job.Id });

    private static decimal Percent(JsonElement progress) =>
        progress.ValueKind == JsonValueKind.Object && progress.TryGetProperty("percent", out var p) && p.TryGetDecimal(out var value)
            ? value
            : 0m;
}
