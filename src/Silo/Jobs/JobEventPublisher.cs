using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Silo.Jobs;

/// <summary>Hands the events a committed transaction appended to their shard's hub, which fans them out to every silo.</summary>
public sealed class JobEventPublisher(IGrainFactory grains)
{
    public void Publish(JobRecord job, IReadOnlyList<JobEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        // One-way: the job_events rows are the record; a lost message only delays the SSE streams
        // until their next read of the rows.
        _ = grains.GetGrain<IJobEventHubGrain>(IJobEventHubGrain.ShardOf(job.Id)).PublishAsync(new JobEventBatch(job.Id, job.Owner, events));
    }
}
