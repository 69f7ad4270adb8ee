namespace Framecast.Silo.Messaging;

/// <summary>
/// Cluster-wide fan-out of small messages by topic (for example "job:{id}"). Delivered to every
/// silo's subscribers, at most once: a subscriber that must not miss anything re-reads the
/// database after <see cref="Reconnected"/>.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken = default);

    IDisposable Subscribe(string topic, Action<string> handler);

    /// <summary>The listener reconnected; messages in between may be lost.</summary>
    event Action? Reconnected;
}
