using Framecast.Grains.Abstractions.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Jobs;

/// <summary>
/// This silo's one observer of every job event hub. Its subscribers (the SSE feed and the SignalR
/// broadcaster) get each batch once per silo, however many clients follow the job.
/// </summary>
public sealed class ClusterJobEvents(IGrainFactory grains, ILogger<ClusterJobEvents> logger) : BackgroundService, IJobEventObserver
{
    /// <summary>Well inside the hubs' observer lifetime, and soon after a hub moves to another silo.</summary>
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(IJobEventHubGrain.ObserverLifetimeSeconds / 6.0);

    private IJobEventObserver? _reference;

    /// <summary>Raised on an Orleans thread for every batch; handlers must not block.</summary>
    public event Action<JobEventBatch>? Received;

    /// <summary>Raised after a renewal found a hub it could not reach: events may have been missed meanwhile.</summary>
    public event Action? MayHaveMissed;

    public Task OnEventsAsync(JobEventBatch batch)
    {
        Received?.Invoke(batch);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<IJobEventObserver>(this);
        using var ticker = new PeriodicTimer(Renewal);
        do
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, IJobEventHubGrain.Shards).Select(shard =>
                    grains.GetGrain<IJobEventHubGrain>(shard).SubscribeAsync(_reference)));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Subscribing to the job event hubs failed; retrying");
                MayHaveMissed?.Invoke();
            }
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, IJobEventHubGrain.Shards).Select(shard =>
                    grains.GetGrain<IJobEventHubGrain>(shard).UnsubscribeAsync(_reference))).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from the job event hubs failed; the hubs drop the observer when it expires");
            }
            grains.DeleteObjectReference<IJobEventObserver>(_reference);
        }
    }
}
