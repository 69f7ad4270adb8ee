using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Webhooks;

namespace Framecast.Silo.Jobs;

/// <summary>Hands the events a committed transaction appended to their shard's hub, which fans them out to every silo,
/// and wakes the webhooks they gave deliveries to.</summary>
public sealed class JobEventPublisher(IGrainFactory grains, WebhookWakeup webhooks)
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
        webhooks.After(events);
    }
}
