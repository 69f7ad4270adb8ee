using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Grains.Jobs;

/// <summary>
/// One credit pool. Its turns are the only place jobs of the pool are admitted and settled, so the
/// checks against the limits and the balance and the writes that follow cannot interleave; the
/// version check on the pool row keeps that true across silos.
/// </summary>
public sealed class CreditPoolGrain(ICreditPoolStore store) : Grain, ICreditPoolGrain
{
    private CreditPool _pool;
    private CreditPoolState _state = new(0, 0, 0, []);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pool = CreditPool.Parse(GetPrimaryKeyString());
        return LoadAsync();
    }

    private async Task LoadAsync() =>
        _state = await store.LoadAsync(_pool) ?? throw new DomainException(
            _pool.Kind == CreditPoolKind.User ? ErrorCodes.UserNotFound : ErrorCodes.TeamNotFound,
            $"The {(_pool.Kind == CreditPoolKind.User ? "user" : "team")} that owns these credits does not exist.");

    /// <summary>Why this pool cannot admit the job now, in the spec's guard order; null when it can.</summary>
    private DomainException? Refusal(AdmitJobCommand command)
    {
        if (_state.ActiveJobs.Count >= _state.ConcurrencyLimit)
        {
            return new DomainException(ErrorCodes.ConcurrentJobLimit,
                $"{command.Owner} already has {_state.ActiveJobs.Count} active jobs; the limit is {_state.ConcurrencyLimit}.",
                new Dictionary<string, object?> { ["limit"] = _state.ConcurrencyLimit, ["active"] = _state.ActiveJobs.Count });
        }
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
        if (command.IdempotencyKey is { } key && await store.FindByIdempotencyKeyAsync(command.TriggeredBy, key) is { } existing)
        {
            return Replay(existing.Job, existing.RequestHash, command);
        }
        // Whoever else changes the pool row (an operator's grant, a settlement on another silo) marks
        // this activation stale, so it reloads before this turn: the refusal rests on current state.
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

    public async Task<JobRecord> SettleAsync(JobSettlement settlement)
    {
        var job = await store.FindJobAsync(settlement.JobId);
        if (job.Status.IsTerminal())
        {
            return job;
        }
        var refund = RefundPolicy.Refund(job.CreditsCharged, settlement.Status, settlement.FailureType, Percent(job.Progress));
        var (ended, version) = await store.SettleAsync(_pool, _state.Version, job, settlement, refund);
        _state = _state with
        {
            Credits = _state.Credits + refund,
            Version = version,
            ActiveJobs = [.. _state.ActiveJobs.Where(j => j.Id != job.Id)],
        };
        return ended;
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
