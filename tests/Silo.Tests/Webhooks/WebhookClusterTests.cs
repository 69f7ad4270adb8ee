using Dapper;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Silo.Storage.Webhooks;
using Framecast.TestingHost;
using Npgsql;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Framecast.Silo.Tests.Webhooks;

/// <summary>Webhook grains on a real two-silo cluster: retries survive a silo's death, and no attempt is ever sent twice.</summary>
public sealed class WebhookClusterTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["WEBHOOK_ALLOW_LOOPBACK_HTTP"] = "true",
        ["WEBHOOK_RETRY_DELAYS_MS"] = "1500,1500,1500,1500",
        ["WEBHOOK_TIMEOUT_MS"] = "2000",
        ["WEBHOOK_REMINDER_MS"] = "1000",
    };

    private static async Task<Guid> TeamAsync(FramecastCluster cluster)
    {
        var user = Guid.NewGuid();
        var team = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        await connection.ExecuteAsync("""
            INSERT INTO users (id, email, tier, upgraded_at) VALUES (@user, @email, 'creator', now());
            INSERT INTO teams (id, name, slug) VALUES (@team, 'Team', @slug);
            """, new { user, team, email = $"u{user:N}@example.com", slug = $"t-{team:N}" });
        return team;
    }

    /// <summary>Undelivered rows as a job's events leave them, in this order.</summary>
    private static async Task<List<Guid>> DeliveriesAsync(FramecastCluster cluster, Guid webhook, int count)
    {
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await connection.QuerySingleAsync<Guid>("""
                WITH id AS (SELECT gen_random_uuid() AS id)
                INSERT INTO webhook_deliveries (id, webhook_id, event_type, payload)
                SELECT id, @webhook, 'job.progress', jsonb_build_object('event', 'job.progress', 'delivery_id', id, 'n', @i) FROM id
                RETURNING id
                """, new { webhook, i }));
        }
        return ids;
    }

    private static async Task WaitAllDeliveredAsync(FramecastCluster cluster, IReadOnlyList<Guid> ids, int seconds = 90)
    {
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE id = ANY(@ids) AND status = 'delivered'", new { ids = ids.ToArray() }) < ids.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "not every delivery was delivered");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_silo_killed_while_a_webhook_waits_to_retry_loses_no_delivery_and_the_order_holds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await FramecastCluster.StartAsync(2, new Dictionary<string, string>(FramecastCluster.FastMembership.Concat(Settings)));
        var team = await TeamAsync(cluster);
        var webhook = Guid.NewGuid();
        var grain = cluster.GrainFactory.GetGrain<IWebhookGrain>(webhook);
        await grain.CreateAsync(new NewWebhook(team, Guid.NewGuid(), receiver.Url, ["job.progress"]));
        var ids = await DeliveriesAsync(cluster, webhook, 3);
        receiver.Answer(500, 500);

        await grain.PokeAsync();
        await receiver.WaitForAsync(r => r.Count >= 1);
        var host = await HostOfAsync(cluster, webhook);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        var killedAt = DateTimeOffset.UtcNow;

        await WaitAllDeliveredAsync(cluster, ids);
        var delivered = receiver.Received.Where(r => r.Answered == 200).Select(r => Guid.Parse(r.DeliveryId)).ToList();
        Assert.Equal(ids, delivered);
        Assert.Equal([500, 500, 200, 200, 200], receiver.Received.Select(r => r.Answered));
        Assert.NotEqual(host, await HostOfAsync(cluster, webhook));
        output.WriteLine($"first request after the kill: {(receiver.Received.First(r => r.At > killedAt).At - killedAt).TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_sweep_delivers_rows_whose_wake_up_was_lost_and_deletes_deliveries_past_30_days()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await FramecastCluster.StartAsync(1, Settings);
        var team = await TeamAsync(cluster);
        var webhook = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IWebhookGrain>(webhook).CreateAsync(new NewWebhook(team, Guid.NewGuid(), receiver.Url, ["job.progress"]));
        // Committed, but nobody poked the grain (its writer died right after the commit).
        var ids = await DeliveriesAsync(cluster, webhook, 2);
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        await connection.ExecuteAsync("UPDATE webhook_deliveries SET created_at = now() - interval '31 days', status = 'delivered', delivered_at = now() WHERE id = @id",
            new { id = ids[0] });

        var sweep = cluster.GrainFactory.GetGrain<IWebhookSweepGrain>(Framecast.Grains.Abstractions.Sweeps.IClusterSweepGrain.Key);
        Assert.Equal(1, await sweep.SweepAsync());
        await WaitAllDeliveredAsync(cluster, [ids[1]]);
        Assert.Equal(1, await new PostgresWebhookStore(NpgsqlDataSource.Create(cluster.DatabaseUrl)).DeleteExpiredAsync());

        Assert.Equal([ids[1]], (await connection.QueryAsync<Guid>("SELECT id FROM webhook_deliveries WHERE webhook_id = @webhook", new { webhook })).ToList());
        Assert.Equal(ids[1], Guid.Parse(Assert.Single(receiver.Received).DeliveryId));
    }

    [Fact]
    public async Task Two_silos_poking_one_webhook_at_once_never_send_an_attempt_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await FramecastCluster.StartAsync(2, Settings);
        var team = await TeamAsync(cluster);
        var webhook = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IWebhookGrain>(webhook).CreateAsync(new NewWebhook(team, Guid.NewGuid(), receiver.Url, ["job.progress"]));
        var ids = await DeliveriesAsync(cluster, webhook, 20);

        await Task.WhenAll(cluster.Silos.SelectMany(silo => Enumerable.Range(0, 10).Select(_ =>
            cluster.GrainFactoryOf(silo).GetGrain<IWebhookGrain>(webhook).PokeAsync())));

        await WaitAllDeliveredAsync(cluster, ids);
        Assert.Equal(ids, receiver.Received.Select(r => Guid.Parse(r.DeliveryId)));
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        Assert.Equal(20, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM webhook_delivery_attempts WHERE delivery_id = ANY(@ids)", new { ids = ids.ToArray() }));
    }

    [Fact]
    public async Task Of_two_activations_racing_for_one_attempt_exactly_one_claims_it()
    {
        await using var cluster = await FramecastCluster.StartAsync(1, Settings);
        var team = await TeamAsync(cluster);
        var webhook = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IWebhookGrain>(webhook).CreateAsync(new NewWebhook(team, Guid.NewGuid(), "https://hooks.example.com/x", ["job.progress"]));
        var delivery = (await DeliveriesAsync(cluster, webhook, 1))[0];
        // As two activations of the grain would: two stores, the same attempt read from the same row.
        var stores = Enumerable.Range(0, 8).Select(_ => new PostgresWebhookStore(NpgsqlDataSource.Create(cluster.DatabaseUrl))).ToList();

        var claims = await Task.WhenAll(stores.Select(s => s.ClaimAsync(webhook, delivery, 0, DateTimeOffset.UtcNow.AddMinutes(1))));

        Assert.Equal(1, claims.Count(c => c is not null));
        Assert.Equal(1, claims.Single(c => c is not null));
        await using var connection = new NpgsqlConnection(cluster.DatabaseUrl);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT attempts FROM webhook_deliveries WHERE id = @delivery", new { delivery }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_delivery_attempts WHERE delivery_id = @delivery", new { delivery }));
    }

    /// <summary>The silo holding the webhook's activation, from Orleans' management grain.</summary>
    private static async Task<SiloAddress> HostOfAsync(FramecastCluster cluster, Guid webhook)
    {
        var management = cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var stats = await management.GetDetailedGrainStatistics();
            if (stats.FirstOrDefault(s => s.GrainId.ToString().Contains(webhook.ToString("N"), StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found.SiloAddress;
            }
            Assert.True(DateTime.UtcNow < deadline, "the webhook's grain is active nowhere");
            await Task.Delay(200);
        }
    }
}
