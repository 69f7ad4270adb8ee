using System.Collections.Concurrent;
using Framecast.Silo.Messaging;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Framecast.Silo.Tests;

public sealed class EventBusTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Clusters.StartAsync(2, new Probe());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IEventBus Bus(int silo) => _cluster.Silos[silo].Services.GetRequiredService<IEventBus>();

    [Fact]
    public async Task A_message_published_on_one_silo_reaches_subscribers_on_every_silo_and_only_of_its_topic()
    {
        var onB = new ConcurrentQueue<string>();
        var onA = new ConcurrentQueue<string>();
        var otherTopic = new ConcurrentQueue<string>();
        using var subB = Bus(1).Subscribe("job:1", onB.Enqueue);
        using var subA = Bus(0).Subscribe("job:1", onA.Enqueue);
        using var subOther = Bus(1).Subscribe("job:2", otherTopic.Enqueue);

        await Bus(0).PublishAsync("job:1", "progress 42");

        await Eventually.TrueAsync(() => onB.Count == 1 && onA.Count == 1, TimeSpan.FromSeconds(5), "both silos get the message");
        Assert.Equal("progress 42", Assert.Single(onB));
        Assert.Empty(otherTopic);
    }

    [Fact]
    public async Task A_message_published_in_a_rolled_back_transaction_is_never_delivered()
    {
        var received = new ConcurrentQueue<string>();
        using var subscription = Bus(1).Subscribe("job:rollback", received.Enqueue);
        var dataSource = _cluster.Silos[0].Services.GetRequiredService<NpgsqlDataSource>();

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await EventBusMessage.PublishAsync(connection, transaction, "job:rollback", "rolled back");
            await transaction.RollbackAsync();
        }
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await EventBusMessage.PublishAsync(connection, transaction, "job:rollback", "committed");
            await transaction.CommitAsync();
        }

        // NOTIFYs are delivered in commit order: once the later one is here, the earlier one would be too.
        await Eventually.TrueAsync(() => received.Contains("committed"), TimeSpan.FromSeconds(5), "the committed message arrives");
        Assert.Equal(["committed"], received.ToArray());
    }
}
