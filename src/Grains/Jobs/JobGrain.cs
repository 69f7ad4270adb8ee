using System.Diagnostics;
using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Metrics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Framecast.Grains.Jobs;

/// <summary>
/// Drives one job on the worker. It waits its turn in the cluster's worker queue, which lets at most the worker's
/// capacity through at once. Orleans keeps one activation per job in the cluster, so one grain
/// submits once (its checkpoint in grain storage holds the RunPod request id), follows the worker
/// with a grain timer (the worker's callback only makes the next poll sooner), turns every progress
/// step the worker streamed into events, enforces the job timeout, and hands the outcome to the
/// owner's credit pool, which settles it exactly once. A reminder brings the job back on another silo
/// when this one dies. A worker request is never left running unfollowed: one whose id cannot be
/// recorded is canceled at once, and a cancel the worker did not take is tried again.
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

    // Recording a request id: a few tries over about two seconds, inside the submitting turn.
    private const int RecordAttempts = 4;
    private static readonly TimeSpan RecordBackoff = TimeSpan.FromMilliseconds(250);
    private const int CancelAttempts = 3;
    private const int MaxResubmissions = 2;

    private IGrainTimer? _timer;
    private JobRecord? _job;
    private bool _stopped;
    // Requests this activation submitted but could not record, and canceled: never to be followed.
    private readonly HashSet<string> _abandoned = new(StringComparer.Ordinal);
    private bool _recordFailed;
    // The trace of the request that admitted the job, for the submit that follows on the timer.
    private ActivityContext _admittedIn;
    // The worker queue let this job through (it holds a slot until it stops); else the position its events last showed.
    private bool _dispatched;
    private int _shownPosition;

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
            _admittedIn = Activity.Current?.Context ?? default;
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
                if (!await DispatchedAsync(job))
                {
                    return;
                }
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

    private IWorkerQueueGrain Queue => GrainFactory.GetGrain<IWorkerQueueGrain>(IWorkerQueueGrain.Key);

    /// <summary>Whether the cluster's worker queue lets the job through now; while it waits, its events show where it stands.</summary>
    private async Task<bool> DispatchedAsync(JobRecord job)
    {
        if (_dispatched)
        {
            return true;
        }
        var place = await Queue.EnterAsync(new QueueTicket(JobId, job.Priority, job.CreatedAt));
        if (place.Dispatched)
        {
            _dispatched = true;
            return true;
        }
        if (place.Position != _shownPosition && await store.RecordQueuePlaceAsync(JobId, place))
        {
            _shownPosition = place.Position;
        }
        return false;
    }

    private async Task SubmitAsync(JobRecord job)
    {
        drive.State.SubmittedAt ??= DateTimeOffset.UtcNow;
        // After a failed recording, submit again only once the checkpoint can be written: else every tick of a
        // storage outage would start a request only to cancel it.
        if (_recordFailed && await WriteDriveAsync(null) != DriveWrite.Written)
        {
            return;
        }
        using var span = FramecastTracing.Source.StartActivity("job submit", ActivityKind.Internal, _admittedIn);
        span?.SetTag("framecast.job_id", JobId.ToString());
        var requestId = await worker.SubmitAsync(
            new WorkerSubmission(JobId, job.Owner, job.SpecSnapshot, job.Options, options.MaxProcessingTime, options.WorkerTtl),
            CancellationToken.None);
        var recorded = await WriteDriveAsync(requestId);
        _recordFailed = recorded == DriveWrite.Failed;
        if (recorded != DriveWrite.Written)
        {
            // Nobody could find this request again once this activation is gone: it must not run.
            await CancelUnrecordedAsync(requestId);
        }
    }

    private enum DriveWrite
    {
        Written,
        /// <summary>Another activation recorded a request of its own: that one is the job's.</summary>
        Taken,
        Failed,
    }

    /// <summary>Writes the checkpoint with <paramref name="requestId"/>, retrying a few times (bounded, in this turn).</summary>
    private async Task<DriveWrite> WriteDriveAsync(string? requestId)
    {
        var submittedAt = drive.State.SubmittedAt;
        for (var attempt = 1; attempt <= RecordAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(RecordBackoff * (1 << (attempt - 2)));
            }
            try
            {
                drive.State.WorkerRequestId = requestId;
                drive.State.SubmittedAt ??= submittedAt;
                await drive.WriteStateAsync();
                return DriveWrite.Written;
            }
            catch (InconsistentStateException ex)
            {
                // The stored checkpoint is not the one read: another activation wrote it, or a write that seemed to
                // fail did commit. Read it back; a request of another activation wins, one of ours is overwritten.
                logger.LogWarning(ex, "The checkpoint of job {JobId} changed under this activation", JobId);
                if (await TryReadDriveAsync() && drive.State.WorkerRequestId is { } stored && stored != requestId && !_abandoned.Contains(stored))
                {
                    return DriveWrite.Taken;
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Recording worker request {RequestId} of job {JobId} failed (attempt {Attempt} of {Attempts})",
                    requestId, JobId, attempt, RecordAttempts);
            }
        }
        drive.State.WorkerRequestId = null;
        return DriveWrite.Failed;
    }

    private async Task<bool> TryReadDriveAsync()
    {
        try
        {
            await drive.ReadStateAsync();
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reading the checkpoint of job {JobId} failed", JobId);
            return false;
        }
    }

    private async Task CancelUnrecordedAsync(string requestId)
    {
        _abandoned.Add(requestId);
        if (await TryCancelWorkerAsync(requestId))
        {
            logger.LogWarning("Worker request {RequestId} of job {JobId} could not be recorded and was canceled", requestId, JobId);
            return;
        }
        logger.LogError("Worker request {RequestId} of job {JobId} could not be recorded nor canceled; its execution policy ends it",
            requestId, JobId);
    }

    private async Task<bool> TryCancelWorkerAsync(string requestId)
    {
        for (var attempt = 1; attempt <= CancelAttempts; attempt++)
        {
            try
            {
                await worker.CancelAsync(requestId, CancellationToken.None);
                return true;
            }
            catch (WorkerUnavailableException ex)
            {
                logger.LogWarning(ex, "Canceling worker request {RequestId} of job {JobId} failed (attempt {Attempt} of {Attempts})",
                    requestId, JobId, attempt, CancelAttempts);
                if (attempt < CancelAttempts)
                {
                    await Task.Delay(RecordBackoff * attempt);
                }
            }
        }
        return false;
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
        if (status.State is not (WorkerState.InQueue or WorkerState.NotFound))
        {
            // Every step streamed since the last poll, however long ago that was; then the latest one /status shows. Also
            // for a job that ended badly: the scenes it finished are events, and its progress sets the refund.
            var steps = await worker.ReadProgressAsync(requestId, CancellationToken.None);
            if (status.State is WorkerState.InProgress or WorkerState.Completed || steps.Count > 0 || status.Progress is not null)
            {
                await StartedAsync(job);
            }
            foreach (var step in steps)
            {
                await RecordProgressAsync(step);
            }
            if (status.Progress is { } progress)
            {
                await RecordProgressAsync(progress);
            }
        }
        switch (status.State)
        {
            case WorkerState.InProgress:
                break;
            case WorkerState.Completed when status.Result is { } result:
                await AllScenesCompleteAsync();
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
                await WorkerCanceledAsync(requestId);
                break;
            case WorkerState.NotFound:
                await SettleAsync(new JobSettlement(JobId, JobStatus.Failed, FailureType.System,
                    Error: new JobError("worker_lost_job", "The worker no longer knows this job.")));
                break;
        }
    }

    /// <summary>
    /// The worker canceled a request of a job nobody canceled (a user's cancel settles the job first, and a settled job
    /// is never followed). That is the driver's own doing: a request id whose recording seemed to fail, and was
    /// canceled for it, had been recorded after all; or someone canceled it at the worker. The job still wants to run,
    /// so it is submitted again, a bounded number of times, instead of being settled as a cancel nobody asked for.
    /// </summary>
    private async Task WorkerCanceledAsync(string requestId)
    {
        if (drive.State.Resubmissions >= MaxResubmissions)
        {
            await SettleAsync(new JobSettlement(JobId, JobStatus.Failed, FailureType.System,
                Error: new JobError("worker_canceled", $"The worker canceled the job's request {MaxResubmissions + 1} times.")));
            return;
        }
        logger.LogWarning("Worker request {RequestId} of job {JobId} was canceled though the job was not; submitting it again", requestId, JobId);
        _abandoned.Add(requestId);
        drive.State.Resubmissions++;
        // Cleared and written before the next submit, so a resumed activation never follows the canceled request again.
        _recordFailed = await WriteDriveAsync(null) == DriveWrite.Failed;
    }

    private async Task StartedAsync(JobRecord job)
    {
        if (job.Status == JobStatus.Queued)
        {
            _job = await store.MarkStartedAsync(JobId) ?? await store.GetAsync(JobId);
        }
    }

    /// <summary>Records a step that moves the job forward; one that does not (already seen, or behind) is dropped, so
    /// percent never goes back and no scene completes twice, across activations too (the row is the cursor).</summary>
    private async Task RecordProgressAsync(WorkerProgress progress)
    {
        if (_job is not { Status: JobStatus.Processing } job)
        {
            return;
        }
        var (scenesCompleted, percent) = Recorded(job.Progress);
        if (progress.ScenesCompleted < scenesCompleted || progress.Percent < percent || IsRecorded(job.Progress, progress))
        {
            return;
        }
        var json = JsonSerializer.SerializeToElement(new
        {
            phase = progress.Phase,
            percent = progress.Percent,
            scenes_total = progress.ScenesTotal,
            scenes_completed = progress.ScenesCompleted,
            current_scene = progress.CurrentScene,
        });
        var completedScenes = ScenePlan.From(job.SpecSnapshot).Scenes.Take(progress.ScenesCompleted).Select(s => s.Id).ToList();
        _job = await store.RecordProgressAsync(JobId, json, completedScenes) ?? await store.GetAsync(JobId);
    }

    /// <summary>Whether the row already holds this very step (compared by field: the row's jsonb is not our text).</summary>
    private static bool IsRecorded(JsonElement stored, WorkerProgress progress) =>
        stored.ValueKind == JsonValueKind.Object
        && Text(stored, "phase") == progress.Phase
        && Recorded(stored) == (progress.ScenesCompleted, progress.Percent)
        && Text(stored, "current_scene") == progress.CurrentScene
        && stored.TryGetProperty("scenes_total", out var total) && total.TryGetInt32(out var t) && t == progress.ScenesTotal;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Before a completion is settled, the scenes no step reported (a worker that streams nothing) complete too.</summary>
    private async Task AllScenesCompleteAsync()
    {
        if (_job is not { Status: JobStatus.Processing } job)
        {
            return;
        }
        var total = ScenePlan.From(job.SpecSnapshot).Scenes.Count;
        var (scenesCompleted, percent) = Recorded(job.Progress);
        if (scenesCompleted < total)
        {
            await RecordProgressAsync(new WorkerProgress("stitching", Math.Max(percent, 100 * total / (total + 1)), total, total, null));
        }
    }

    private static (int ScenesCompleted, int Percent) Recorded(JsonElement progress) =>
        progress.ValueKind != JsonValueKind.Object ? (0, 0) : (
            progress.TryGetProperty("scenes_completed", out var s) && s.TryGetInt32(out var scenes) ? scenes : 0,
            progress.TryGetProperty("percent", out var p) && p.TryGetDecimal(out var pct) ? (int)Math.Floor(pct) : 0);

    private Task FailAsync(WorkerFailure failure) =>
        SettleAsync(new JobSettlement(JobId, JobStatus.Failed, failure.FailureType, Error: new JobError(failure.Code, failure.Message, failure.SceneId)));

    /// <summary>Hands the outcome to the pool (which applies it once) and stops driving.</summary>
    private async Task SettleAsync(JobSettlement settlement)
    {
        _job = await GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(_job!.Owner).Key).SettleAsync(_job, settlement);
        await StopDrivingAsync();
    }

    /// <summary>
    /// Stops the worker of a canceled or timed-out job, then the timer, the reminder and the checkpoint. A cancel the
    /// worker did not take keeps both, so the reminder brings the grain back to try again, until the request's ttl
    /// has run out and it has ended on its own.
    /// </summary>
    private async Task StopDrivingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (_stopped)
        {
            return;
        }
        if (_job is { FailureType: FailureType.Canceled or FailureType.Timeout } && drive.State.WorkerRequestId is { } requestId
            && !await TryCancelWorkerAsync(requestId)
            && DateTimeOffset.UtcNow < (drive.State.SubmittedAt ?? DateTimeOffset.MinValue) + options.WorkerTtl)
        {
            logger.LogWarning("Worker request {RequestId} of job {JobId} is not canceled yet; the reminder tries again", requestId, JobId);
            return;
        }
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        if (drive.RecordExists)
        {
            await drive.ClearStateAsync();
        }
        // Its slot (or its place in line) goes to the next job; the queue's own check of the table covers a lost message.
        await Queue.LeaveAsync(JobId);
        _stopped = true;
        DeactivateOnIdle();
    }
}
