using System.Collections.Concurrent;
using Framecast.LocalWorker.Api;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Jobs;

/// <summary>Jobs by id. Finished jobs are forgotten after the retention period, like RunPod's 30 minutes.</summary>
public sealed class JobStore(WorkerSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, WorkerJob> _jobs = new(StringComparer.Ordinal);

    public void Add(WorkerJob job)
    {
        _jobs[job.Id] = job;
        RemoveExpired();
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
