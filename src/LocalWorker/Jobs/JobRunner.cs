using Framecast.LocalWorker.Configuration;
using Framecast.LocalWorker.Webhooks;
using Framecast.LocalWorker.Workflow;

namespace Framecast.LocalWorker.Jobs;

/// <summary>
/// <c>LOCAL_WORKER_CONCURRENCY</c> loops take jobs off the queue and run them to a terminal state,
/// enforcing the executionTimeout policy (the store drops jobs whose ttl runs out in the queue). Stopping the host cancels every running job.
/// </summary>
public sealed class JobRunner(
    JobQueue queue,
    WorkflowExecutor executor,
    WebhookNotifier webhooks,
    WorkerSettings settings,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    private int _running;

    public int Running => Volatile.Read(ref _running);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(WorkerJob job, CancellationToken stoppingToken)
    {
        if (!job.TryStart(clock.GetUtcNow(), stoppingToken, out var runToken))
        {
            return; // Canceled or dropped (ttl) while queued.
        }

        Interlocked.Increment(ref _running);
        using var timeout = new CancellationTokenSource(job.ExecutionTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        logger.LogInformation("Job {JobId} started", job.Id);
        try
        {
            var input = WorkerInput.Parse(job.Input);
            var completion = await executor.ExecuteAsync(job, input, linked.Token);
            if (job.TryFinish(JobStatus.Completed, completion, null, clock.GetUtcNow()))
            {
                logger.LogInformation("Job {JobId} completed: s3://{Bucket}/{Key}", job.Id, completion.Video.Bucket, completion.Video.Key);
                webhooks.Notify(job, input.Steering.ReportSuccessTwice == true ? 2 : 1);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            if (timeout.IsCancellationRequested)
            {
                Finish(job, JobStatus.TimedOut, new JobFailure(FailureTypes.Timeout, $"Execution exceeded executionTimeout ({job.ExecutionTimeout.TotalMilliseconds:0} ms)."));
            }
            else if (stoppingToken.IsCancellationRequested)
            {
                Finish(job, JobStatus.Failed, new JobFailure(FailureTypes.System, "The worker shut down while the job was running."));
            }

            // Otherwise /cancel already set CANCELLED and sent the webhook.
        }
        catch (JobFailedException e)
        {
            Finish(job, JobStatus.Failed, new JobFailure(e.FailureType, e.Message, e.SceneId));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} crashed", job.Id);
            Finish(job, JobStatus.Failed, new JobFailure(FailureTypes.System, $"Worker error: {e.Message}"));
        }
        finally
        {
            job.EndRun();
            Interlocked.Decrement(ref _running);
        }
    }

    private void Finish(WorkerJob job, string status, JobFailure failure)
    {
        if (job.TryFinish(status, failure, failure.Message, clock.GetUtcNow()))
        {
            logger.LogWarning("Job {JobId} ended {Status} ({FailureType}): {Message}", job.Id, status, failure.FailureType, failure.Message);
            webhooks.Notify(job);
        }
    }
}
