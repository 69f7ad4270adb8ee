using System.Collections.Concurrent;
using Framecast.Silo.Hosting;
using Framecast.Silo.Runtime;
using Framecast.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Messaging;

/// <summary>
/// One LISTEN connection per silo for the event channel and the grain-state channel. It reconnects
/// after a failure and then marks every activation stale, since notices in between are lost.
/// </summary>
public sealed class PostgresEventBus(
    NpgsqlDataSource dataSource,
    SiloIdentity silo,
    GrainRuntime runtime,
    ILogger<PostgresEventBus> logger) : IEventBus
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _subscriptions = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public event Action? Reconnected;

    /// <summary>Completes once LISTEN is in place for the first time.</summary>
    public Task Listening => _listening.Task;

    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EventBusMessage.PublishAsync(connection, null, topic, payload);
    }

    public IDisposable Subscribe(string topic, Action<string> handler)
    {
        var subscription = new Subscription(this, topic, handler);
        _subscriptions.GetOrAdd(topic, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (_subscriptions.TryGetValue(subscription.Topic, out var set))
        {
            set.TryRemove(subscription, out _);
            if (set.IsEmpty)
            {
                _subscriptions.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Subscription, byte>>(subscription.Topic, set));
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {EventBusMessage.Channel}; LISTEN {GrainStateNotices.Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }
                if (!first)
                {
                    logger.LogInformation("Event listener reconnected");
                    runtime.MarkAllStale();
                    Reconnected?.Invoke();
                }
                first = false;
                _listening.TrySetResult();
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(PingInterval, cancellationToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Event listener lost its connection; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Dispatch(string channel, string message)
    {
        if (channel == GrainStateNotices.Channel)
        {
            if (GrainStateNotices.TryParse(message, out var origin, out var grainId) && origin != silo.Id)
            {
                runtime.MarkStale(grainId);
            }
            return;
        }
        var (topic, payload) = EventBusMessage.Parse(message);
        if (!_subscriptions.TryGetValue(topic, out var set))
        {
            return;
        }
        foreach (var subscription in set.Keys)
        {
            try
            {
                subscription.Handler(payload);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber of {Topic} failed", topic);
            }
        }
    }

    private sealed class Subscription(PostgresEventBus bus, string topic, Action<string> handler) : IDisposable
    {
        public string Topic { get; } = topic;

        public Action<string> Handler { get; } = handler;

        public void Dispose() => bus.Unsubscribe(this);
    }
}
