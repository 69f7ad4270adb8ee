using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Runtime;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Drives one job on the worker while this silo holds its lease: submits once (resuming from the
/// stored request id after a takeover), follows the worker by polling (the worker's callback only
/// makes the next poll sooner), turns its progress into events, enforces the job timeout, and hands
/// the outcome to the owner's credit pool, which settles it exactly once.
/// </summary>
public sealed class JobGrain(IJobStore store, IWorkerBackend worker, JobExecutionOptions options, ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    private IDisposable? _pollTimer;
    private IDisposable? _leaseTimer;
    private string? _lastProgress;

    private Guid JobId => GetPrimaryKey();

    public async Task DriveAsync()
    {
        var execution = await store.GetExecutionAsync(JobId);
        if (execution is null || execution.Status.IsTerminal())
        {
            await StopDrivingAsync();
            return;
        }
        if (_pollTimer is null)
        {
            // A driven job keeps its activation: collecting it would only hand the job to the next dispatch.
            _pollTimer = RegisterTimer(_ => PokeAsync(), options.PollInterval, options.PollInterval, keepAlive: true);
            _leaseTimer = RegisterTimer(_ => RenewLeaseAsync(), options.LeaseDuration / 3, options.LeaseDuration / 3);
        }
        if (execution.WorkerRequestId is null)
        {
            await SubmitAsync(execution);
        }
        await PokeAsync();
    }

    public async Task PokeAsync()
    {
        try
        {
            await PollAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The worker is unreachable for now; the next poll tries again. Throwing would make the
            // runtime reload this activation and drop its timers.
            logger.LogWarning(ex, "Reading the worker status of job {JobId} failed", JobId);
        }
    }

    public async Task DeleteAsync()
    {
        var job = await store.GetAsync(JobId) ?? throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        if (job.ProjectId is not null || !job.Status.IsTerminal() || !await store.DeleteTerminalEphemeralAsync(JobId))
        {
            throw new DomainException(ErrorCodes.JobNotDeletable,
                job.ProjectId is not null ? "Project jobs cannot be deleted." : $"Only finished jobs can be deleted; this one is {job.Status.ToDb()}.");
        }
        DeactivateOnIdle();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pollTimer is not null)
        {
            // Let another silo take the job over at once rather than after the lease runs out.
            await store.ReleaseLeaseAsync(JobId);
        }
    }

    private async Task SubmitAsync(JobExecution execution)
    {
        await store.MarkSubmittingAsync(JobId);
        var requestId = await worker.SubmitAsync(
            new WorkerSubmission(JobId, execution.Owner, execution.Spec, execution.Options, options.MaxProcessingTime),
            CancellationToken.None);
        if (!await store.RecordSubmissionAsync(JobId, requestId))
        {
            // The lease moved or the job ended (typically: canceled) while we submitted; that is expected.
            logger.LogInformation("Job {JobId} changed hands during submission; canceling worker request {RequestId}", JobId, requestId);
            await worker.CancelAsync(requestId, CancellationToken.None);
            await StopDrivingAsync();
        }
    }

    private async Task PollAsync()
    {
        var execution = await store.GetExecutionAsync(JobId);
        if (execution is null)
        {
            await StopDrivingAsync();
            return;
        }
        if (execution.Status.IsTerminal())
        {
            if (execution.Status == JobStatus.Canceled && execution.WorkerRequestId is { } canceled)
            {
                await worker.CancelAsync(canceled, CancellationToken.None);
            }
            await StopDrivingAsync();
            return;
        }
        var runningSince = execution.StartedAt ?? execution.SubmittedAt ?? execution.CreatedAt;
        if (DateTimeOffset.UtcNow - runningSince > options.MaxProcessingTime)
        {
            if (execution.WorkerRequestId is { } expired)
            {
                await worker.CancelAsync(expired, CancellationToken.None);
            }
            await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Failed, FailureType.Timeout,
                Error: new JobError("timeout", $"The job ran longer than {options.MaxProcessingTime.TotalSeconds:0.#} seconds.")));
            return;
        }
        if (execution.WorkerRequestId is not { } requestId)
        {
            return;
        }
        var status = await worker.GetStatusAsync(requestId, CancellationToken.None);
        switch (status.State)
        {
            case WorkerState.InProgress:
                await StartedAsync(execution);
                if (status.Progress is { } progress)
                {
                    await RecordProgressAsync(execution, progress);
                }
                break;
            case WorkerState.Completed when status.Result is { } result:
                await StartedAsync(execution);
                await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Completed,
                    Output: result.Output, OutputSizeBytes: result.SizeBytes, RenderSeconds: result.DurationSeconds));
                break;
            case WorkerState.Completed:
            case WorkerState.Failed:
                var failure = status.Failure ?? new WorkerFailure(FailureType.System, "worker_failed", "The worker reported a failure without details.");
                await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Failed, failure.FailureType,
                    Error: new JobError(failure.Code, failure.Message, failure.SceneId)));
                break;
            case WorkerState.TimedOut:
                await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Failed, FailureType.Timeout,
                    Error: new JobError("timeout", "The worker's execution timeout was reached.")));
                break;
            case WorkerState.Cancelled:
                await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Canceled, FailureType.Canceled));
                break;
            case WorkerState.NotFound:
                await SettleAsync(execution, new JobSettlement(JobId, JobStatus.Failed, FailureType.System,
                    Error: new JobError("worker_lost_job", "The worker no longer knows this job.")));
                break;
        }
    }

    private async Task StartedAsync(JobExecution execution)
    {
        if (execution.Status == JobStatus.Queued)
        {
            await store.MarkStartedAsync(JobId);
        }
    }

    private async Task RecordProgressAsync(JobExecution execution, WorkerProgress progress)
    {
        var json = JsonSerializer.SerializeToElement(new
        {
            phase = progress.Phase,
            percent = progress.Percent,
            scenes_total = progress.ScenesTotal,
            scenes_completed = progress.ScenesCompleted,
            current_scene = progress.CurrentScene,
        });
        var text = json.GetRawText();
        if (text == _lastProgress)
        {
            return;
        }
        var completedScenes = ScenePlan.From(execution.Spec).Scenes.Take(progress.ScenesCompleted).Select(s => s.Id).ToList();
        await store.RecordProgressAsync(JobId, json, completedScenes);
        _lastProgress = text;
    }

    private async Task SettleAsync(JobExecution execution, JobSettlement settlement)
    {
        await GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(execution.Owner).Key).SettleAsync(settlement);
        await StopDrivingAsync();
    }

    private async Task RenewLeaseAsync()
    {
        if (!await store.RenewLeaseAsync(JobId))
        {
            await StopDrivingAsync();
        }
    }

    private async Task StopDrivingAsync()
    {
        _pollTimer?.Dispose();
        _leaseTimer?.Dispose();
        _pollTimer = _leaseTimer = null;
        await store.ReleaseLeaseAsync(JobId);
        DeactivateOnIdle();
    }
}
