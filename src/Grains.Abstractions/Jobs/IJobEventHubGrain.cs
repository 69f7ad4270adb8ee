namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// Fans the events of one shard of jobs out to every silo's <see cref="IJobEventObserver"/>. The
/// events travel with the message, so no silo re-reads rows per subscriber. Observers are not
/// durable: each silo subscribes again well before <see cref="ObserverLifetimeSeconds"/> runs out,
/// which also re-registers them after the hub moves to another silo.
/// </summary>
[Alias("framecast.IJobEventHubGrain")]
public interface IJobEventHubGrain : IGrainWithIntegerKey
{
    public const int Shards = 4;

    public const int ObserverLifetimeSeconds = 60;

    static long ShardOf(Guid jobId) => (uint)jobId.GetHashCode() % Shards;

    [AlwaysInterleave]
    Task SubscribeAsync(IJobEventObserver observer);

    [AlwaysInterleave]
    Task UnsubscribeAsync(IJobEventObserver observer);

    [OneWay]
    Task PublishAsync(JobEventBatch batch);
}
