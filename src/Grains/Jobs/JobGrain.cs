using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Drives one job on the worker. Orleans keeps one activation per job in the cluster, so one grain
/// submits once (its checkpoint in grain storage holds the RunPod request id), follows the worker
/// with a grain timer (the worker's callback only makes the next poll sooner), turns its progress
/// into events, enforces the job timeout, and hands the outcome to the owner's credit pool, which
/// settles it exactly once. A reminder brings the job back on another silo when this one dies.
/// </summary>
public sealed class JobGrain(
    [PersistentState("jobDrive", JobGrain.StorageName)] IPersistentState<JobDriveState> drive,
    IJobStore store,
    IWorkerBackend worker,
    JobExecutionOptions options,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    public const string StorageName = "jobs";
    private const string KeepAliveReminder = "drive";

    private IGrainTimer? _timer;
    private JobRecord? _job;
    private string? _lastProgress;
    private bool _stopped;

    private Guid JobId => this.GetPrimaryKey();

    public async Task StartAsync(JobRecord? admitted)
    {
        if (_timer is not null)
        {
            return;
        }
        if (_job is null && admitted?.Id == JobId)
        {
            _job = admitted;
            _lastProgress = admitted.Progress.GetRawText();
        }
        var job = await LoadAsync();
        if (job is null || job.Status.IsTerminal())
        {
            await StopDrivingAsync();
            return;
        }
        await this.RegisterOrUpdateReminder(KeepAliveReminder, options.ReminderPeriod, options.ReminderPeriod);
        // KeepAlive: collecting a driven job's activation would only stop it until its next reminder tick.
        _timer = this.RegisterGrainTimer(_ => DriveAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, options.PollInterval) { KeepAlive = true });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => StartAsync(null);

    public Task<JobRecord?> GetAsync() => LoadAsync();

    public async Task PokeAsync()
    {
        if (_timer is null)
        {
            await StartAsync(null);
            return;
        }
        await DriveAsync();
    }

    public async Task<JobRecord> CancelAsync(Guid canceledBy)
    {
        var job = await LoadAsync() ?? throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        if (job.Status.IsTerminal())
        {
            throw new DomainException(ErrorCodes.JobNotCancelable, $"The job has already ended ({job.Status.ToDb()}).",
                new Dictionary<string, object?> { ["status"] = job.Status.ToDb() });
        }
        var ended = await GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(job.Owner).Key)
            .SettleAsync(job, new JobSettlement(JobId, JobStatus.Canceled, FailureType.Canceled, CanceledBy: canceledBy));
        _job = ended;
        // The caller has its answer once the pool has settled; stopping the worker and dropping the reminder and the
        // checkpoint follow in the next turn. Should this silo die first, the reminder brings the grain back to do it.
        this.RegisterGrainTimer(StopDrivingAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        if (ended.Status != JobStatus.Canceled)
        {
            throw new DomainException(ErrorCodes.JobNotCancelable, $"The job has already ended ({ended.Status.ToDb()}).",
                new Dictionary<string, object?> { ["status"] = ended.Status.ToDb() });
        }
        return ended;
    }

    public async Task DeleteAsync()
    {
        var job = await store.GetAsync(JobId) ?? throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        if (job.ProjectId is not null || !job.Status.IsTerminal() || !await store.DeleteTerminalEphemeralAsync(JobId))
        {
            throw new DomainException(ErrorCodes.JobNotDeletable,
                job.ProjectId is not null ? "Project jobs cannot be deleted." : $"Only finished jobs can be deleted; this one is {job.Status.ToDb()}.");
        }
        _job = null;
        DeactivateOnIdle();
    }

    private async Task<JobRecord?> LoadAsync()
    {
        if (_job is null)
        {
            _job = await store.GetAsync(JobId);
            _lastProgress = _job?.Progress.GetRawText();
        }
        return _job;
    }

    /// <summary>One step of following the worker: submit when nobody has, else read its status and act on it.</summary>
    private async Task DriveAsync()
    {
        try
        {
            var job = await LoadAsync();
            if (job is null || job.Status.IsTerminal())
            {
                await StopDrivingAsync();
                return;
            }
            if (drive.State.WorkerRequestId is null)
            {
                try
                {
                    await SubmitAsync(job);
                }
                catch (WorkerInputRejectedException ex)
                {
                    await FailAsync(ex.Failure);
                }
                return;
            }
            await FollowAsync(job, drive.State.WorkerRequestId);
        }
        catch (WorkerUnavailableException ex)
        {
            // The worker is unreachable for now; the next tick tries again.
            logger.LogWarning(ex, "Reaching the worker for job {JobId} failed", JobId);
        }
    }

    private async Task SubmitAsync(JobRecord job)
    {
        drive.State.SubmittedAt ??= DateTimeOffset.UtcNow;
        var requestId = await worker.SubmitAsync(
            new WorkerSubmission(JobId, job.Owner, job.SpecSnapshot, job.Options, options.MaxProcessingTime),
            CancellationToken.None);
        drive.State.WorkerRequestId = requestId;
        await drive.WriteStateAsync();
    }

    private async Task FollowAsync(JobRecord job, string requestId)
    {
        var runningSince = job.StartedAt ?? drive.State.SubmittedAt ?? job.CreatedAt;
        if (DateTimeOffset.UtcNow - runningSince > options.MaxProcessingTime)
        {
            await SettleAsync(new JobSettlement(JobId, JobStatus.Failed, FailureType.Timeout,
                Error: new JobError("timeout", $"The job ran longer than {options.MaxProcessingTime.TotalSeconds:0.#} seconds.")));
            return;
        }
        var status = await worker.GetStatusAsync(requestId, CancellationToken.None);
        switch (status.State)
        {
            case WorkerState.InProgress:
                await StartedAsync(job);
                if (status.Progress is { } progress)
                {
                    await RecordProgressAsync(progress);
                }
                break;
            case WorkerState.Completed when status.Result is { } result:
                await StartedAsync(job);
                await SettleAsync(new JobSettlement(JobId, JobStatus.Completed,
                    Output: result.Output, OutputSizeBytes: result.SizeBytes, RenderSeconds: result.DurationSeconds));
                break;
            case WorkerState.Completed:
            case WorkerState.Failed:
                await FailAsync(status.Failure ?? new WorkerFailure(FailureType.System, "worker_failed", "The worker reported a failure without details."));
                break;
            case WorkerState.TimedOut:
                await SettleAsync(new JobSettlement(JobId, JobStatus.Failed, FailureType.Timeout,
                    Error: new JobError("timeout", "The worker's execution timeout was reached.")));
                break;
            case WorkerState.Cancelled:
                await SettleAsync(new JobSettlement(JobId, JobStatus.Canceled, FailureType.Canceled));
                break;
            case WorkerState.NotFound:
                await SettleAsync(new JobSettlement(JobId, JobStatus.Failed, FailureType.System,
                    Error: new JobError("worker_lost_job", "The worker no longer knows this job.")));
                break;
        }
    }

    private async Task StartedAsync(JobRecord job)
    {
        if (job.Status == JobStatus.Queued)
        {
            _job = await store.MarkStartedAsync(JobId) ?? await store.GetAsync(JobId);
        }
    }

    private async Task RecordProgressAsync(WorkerProgress progress)
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
        var completedScenes = ScenePlan.From(_job!.SpecSnapshot).Scenes.Take(progress.ScenesCompleted).Select(s => s.Id).ToList();
        _job = await store.RecordProgressAsync(JobId, json, completedScenes) ?? await store.GetAsync(JobId);
        _lastProgress = text;
    }

    private Task FailAsync(WorkerFailure failure) =>
        SettleAsync(new JobSettlement(JobId, JobStatus.Failed, failure.FailureType, Error: new JobError(failure.Code, failure.Message, failure.SceneId)));

    /// <summary>Hands the outcome to the pool (which applies it once) and stops driving.</summary>
    private async Task SettleAsync(JobSettlement settlement)
    {
        _job = await GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(_job!.Owner).Key).SettleAsync(_job, settlement);
        await StopDrivingAsync();
    }

    /// <summary>Stops the worker of a canceled or timed-out job, then the timer, the reminder and the checkpoint.</summary>
    private async Task StopDrivingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (_stopped)
        {
            return;
        }
        if (_job is { FailureType: FailureType.Canceled or FailureType.Timeout } && drive.State.WorkerRequestId is { } requestId)
        {
            try
            {
                await worker.CancelAsync(requestId, CancellationToken.None);
            }
            catch (WorkerUnavailableException ex)
            {
                logger.LogWarning(ex, "Canceling worker request {RequestId} of job {JobId} failed", requestId, JobId);
            }
        }
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        if (drive.RecordExists)
        {
            await drive.ClearStateAsync();
        }
        _stopped = true;
        DeactivateOnIdle();
    }
}
