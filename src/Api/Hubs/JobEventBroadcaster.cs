using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace Framecast.Api.Hubs;

/// <summary>
/// Pushes every job event to this silo's SignalR connections: the job's group and its owner's group.
/// The events arrive with the batches the cluster's event hubs push to this silo, so a hub client
/// connected here sees the events of a job driven on any silo, and no row is read to send them.
/// </summary>
public sealed class JobEventBroadcaster(ClusterJobEvents events, IHubContext<JobsHub> hub, HubConnections connections, ILogger<JobEventBroadcaster> logger)
    : IHostedService
{
    private CancellationTokenSource? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        events.Received += OnBatch;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.Received -= OnBatch;
        _stopping?.Cancel();
        return Task.CompletedTask;
    }

    private void OnBatch(JobEventBatch batch)
    {
        if (connections.Count > 0)
        {
            _ = PushAsync(batch, _stopping!.Token);
        }
    }

    private async Task PushAsync(JobEventBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            var groups = new[] { JobsHub.JobGroup(batch.JobId), JobsHub.OwnerGroup(batch.Owner) };
            foreach (var e in batch.Events)
            {
                await hub.Clients.Groups(groups)
                    .SendAsync(JobsHub.EventMethod, new HubJobEvent($"{e.JobId:D}:{e.Sequence}", e.JobId, e.Sequence, e.EventType.ToDb(), e.Payload, e.CreatedAt), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Pushing a job event to SignalR failed");
        }
    }
}

/// <summary>What hub clients receive: the SSE message's fields, with its id (<c>{job_id}:{sequence}</c>) to drop a repeat by.</summary>
public sealed record HubJobEvent(string Id, Guid JobId, long Sequence, string EventType, System.Text.Json.JsonElement Payload, DateTimeOffset CreatedAt);
