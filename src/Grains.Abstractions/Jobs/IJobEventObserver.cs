namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>A silo's receiver of the cluster's job events: one per silo, feeding its SSE streams and SignalR groups.</summary>
[Alias("framecast.IJobEventObserver")]
public interface IJobEventObserver : IGrainObserver
{
    [OneWay]
    Task OnEventsAsync(JobEventBatch batch);
}
