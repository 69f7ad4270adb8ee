using System.Collections.Concurrent;
using Framecast.LocalWorker.Api;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Jobs;

/// <summary>
/// Jobs by id. Finished jobs are forgotten after the retention period, like RunPod's 30 minutes; a job still
/// queued when its ttl runs out is dropped and forgotten at that moment, as RunPod deletes it.
/// </summary>
public sealed class JobStore(WorkerSettings settings, TimeProvider clock, ILogger<JobStore> logger)
{
    private readonly ConcurrentDictionary<string, WorkerJob> _jobs = new(StringComparer.Ordinal);

    public void Add(WorkerJob job)
    {
        _jobs[job.Id] = job;
        ArmTtl(job);
        RemoveExpired();
    }

    /// <summary>(Re)starts the job's ttl clock: at submission, and again when /retry queues it anew.</summary>
    public void ArmTtl(WorkerJob job)
    {
        var due = job.TtlExpiresAt - clock.GetUtcNow();
        job.SetTtlTimer(clock.CreateTimer(_ => DropIfExpired(job), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan));
    }

    private void DropIfExpired(WorkerJob job)
    {
        if (job.TryDropExpired(clock.GetUtcNow()))
        {
            // Still in the runner's queue, where its state now makes it skipped; here it is gone at once.
            _jobs.TryRemove(job.Id, out _);
            logger.LogWarning("Job {JobId} dropped: its ttl ({Ttl} ms) expired while it was queued", job.Id, job.Ttl.TotalMilliseconds);
        }
        else if (job.Status == JobStatus.InQueue)
        {
            // A timer runs on the tick count and can fire a moment before the wall clock says the ttl is over.
            ArmTtl(job);
        }
    }

    /// <summary>A job is only visible through the endpoint it was submitted to.</summary>
    public WorkerJob? Find(string endpointId, string id)
    {
        if (!_jobs.TryGetValue(id, out var job) || job.EndpointId != endpointId)
        {
            return null;
        }

        if (job.IsExpired(clock.GetUtcNow(), settings.ResultRetention))
        {
            _jobs.TryRemove(id, out _);
            return null;
        }

        return job;
    }

    public HealthJobs Count(string endpointId)
    {
        RemoveExpired();
        int completed = 0, failed = 0, inProgress = 0, inQueue = 0, retried = 0;
        foreach (var job in _jobs.Values.Where(j => j.EndpointId == endpointId))
        {
            retried += job.RetryCount;
            switch (job.Status)
            {
                case JobStatus.Completed: completed++; break;
                case JobStatus.Failed or JobStatus.TimedOut: failed++; break;
                case JobStatus.InProgress: inProgress++; break;
                case JobStatus.InQueue: inQueue++; break;
            }
        }

        return new HealthJobs(completed, failed, inProgress, inQueue, retried);
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, job) in _jobs)
        {
            if (job.IsExpired(now, settings.ResultRetention))
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
