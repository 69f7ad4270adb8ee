using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Metrics;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Jobs;

/// <summary>
/// This silo's one observer of every job event hub, subscribed while the silo is active. Its
/// subscribers (the SSE feed and the SignalR broadcaster) get each batch once per silo, however
/// many clients follow the job.
/// </summary>
public sealed class ClusterJobEvents(IGrainFactory grains, FramecastMetrics metrics, TimeProvider clock, ILogger<ClusterJobEvents> logger)
    : IJobEventObserver, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Well inside the hubs' observer lifetime, and soon after a hub moves to another silo.</summary>
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(IJobEventHubGrain.ObserverLifetimeSeconds / 6.0);

    private IJobEventObserver? _reference;
    private CancellationTokenSource? _stopping;
    private Task _renewals = Task.CompletedTask;

    /// <summary>Raised on an Orleans thread for every batch; handlers must not block.</summary>
    public event Action<JobEventBatch>? Received;

    /// <summary>Raised after a renewal could not reach a hub: events may have been missed meanwhile.</summary>
    public event Action? MayHaveMissed;

    public Task OnEventsAsync(JobEventBatch batch)
    {
        var now = clock.GetUtcNow();
        foreach (var e in batch.Events)
        {
            metrics.EventArrived(e.CreatedAt, now);
        }
        Received?.Invoke(batch);
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterJobEvents), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var reference = grains.CreateObjectReference<IJobEventObserver>(this);
        if (Interlocked.CompareExchange(ref _reference, reference, null) is not null)
        {
            grains.DeleteObjectReference<IJobEventObserver>(reference);
            return;
        }
        _stopping = new CancellationTokenSource();
        await SubscribeAsync(reference);
        _renewals = RenewAsync(reference, _stopping.Token);
    }

    private async Task RenewAsync(IJobEventObserver reference, CancellationToken stopping)
    {
        using var ticker = new PeriodicTimer(Renewal);
        try
        {
            while (await ticker.WaitForNextTickAsync(stopping))
            {
                await SubscribeAsync(reference);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SubscribeAsync(IJobEventObserver reference)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, IJobEventHubGrain.Shards).Select(shard =>
                grains.GetGrain<IJobEventHubGrain>(shard).SubscribeAsync(reference)));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Subscribing to the job event hubs failed; retrying at the next renewal");
            MayHaveMissed?.Invoke();
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reference, null) is not { } reference)
        {
            return;
        }
        _stopping?.Cancel();
        await _renewals;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, IJobEventHubGrain.Shards).Select(shard =>
                grains.GetGrain<IJobEventHubGrain>(shard).UnsubscribeAsync(reference))).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Unsubscribing from the job event hubs failed; the hubs drop the observer when it expires");
        }
        grains.DeleteObjectReference<IJobEventObserver>(reference);
    }
}
