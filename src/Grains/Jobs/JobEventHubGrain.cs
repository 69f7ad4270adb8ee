using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>One shard's fan-out of job events to the silos (see <see cref="IJobEventHubGrain"/>).</summary>
public sealed class JobEventHubGrain : Grain, IJobEventHubGrain
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(IJobEventHubGrain.ObserverLifetimeSeconds);
    private readonly Dictionary<IJobEventObserver, DateTime> _observers = [];

    public Task SubscribeAsync(IJobEventObserver observer)
    {
        _observers[observer] = DateTime.UtcNow + Lifetime;
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IJobEventObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(JobEventBatch batch)
    {
        var now = DateTime.UtcNow;
        foreach (var (observer, expires) in _observers)
        {
            if (expires < now)
            {
                // A silo that stopped renewing is gone; its messages would go nowhere.
                _observers.Remove(observer);
                continue;
            }
            _ = observer.OnEventsAsync(batch);
        }
        return Task.CompletedTask;
    }
}
