using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Messaging;
using Framecast.Silo.Storage.Jobs;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace Framecast.Api.Hubs;

/// <summary>
/// Pushes every job event to this silo's SignalR connections: the job's group and its owner's
/// group. Each silo reads the event row once per event and sends to its own connections, which
/// makes PostgreSQL's NOTIFY the hub's backplane.
/// </summary>
public sealed class JobEventBroadcaster(
    IEventBus bus, NpgsqlDataSource dataSource, IHubContext<JobsHub> hub, HubConnections connections, ILogger<JobEventBroadcaster> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = bus.Subscribe(JobEventLog.AllJobsTopic, payload => _ = PushAsync(payload, stoppingToken));
        stoppingToken.Register(subscription.Dispose);
        return Task.CompletedTask;
    }

    private async Task PushAsync(string payload, CancellationToken cancellationToken)
    {
        try
        {
            if (connections.Count == 0)
            {
                return;
            }
            var parts = payload.Split('|');
            if (parts.Length != 5 || !Guid.TryParse(parts[0], out var jobId) || !long.TryParse(parts[1], out var sequence))
            {
                return;
            }
            var events = await JobEventLog.ReadAfterAsync(dataSource, jobId, sequence - 1, limit: 1);
            if (events is not [var e])
            {
                return;
            }
            await hub.Clients.Groups([JobsHub.JobGroup(jobId), JobsHub.OwnerGroup(parts[2])])
                .SendAsync(JobsHub.EventMethod, new HubJobEvent(e.JobId, e.Sequence, e.EventType.ToDb(), e.Payload, e.CreatedAt), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Pushing a job event to SignalR failed");
        }
    }
}

/// <summary>What hub clients receive: the SSE message's fields.</summary>
public sealed record HubJobEvent(Guid JobId, long Sequence, string EventType, System.Text.Json.JsonElement Payload, DateTimeOffset CreatedAt);
