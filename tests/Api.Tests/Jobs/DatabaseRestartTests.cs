using System.Collections.Concurrent;
using System.Net;
using Framecast.Api.Tests.Accounts;
using Framecast.TestingHost;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Jobs;

/// <summary>PostgreSQL restarted under load, on a server of this test's own: 503s while it is down, never a 500,
/// and afterwards every acknowledged job is there, runs to its end and was charged once.</summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task A_database_restart_under_load_gives_503s_then_recovers_with_nothing_acknowledged_lost()
    {
        await using var postgres = PostgresInstance.Start();
        var fixture = new JobsApiFixture(new Dictionary<string, string> { ["DATABASE_URL"] = await postgres.CreateDatabaseAsync() });
        await fixture.InitializeAsync();
        try
        {
            await RunAsync(fixture, postgres);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task RunAsync(JobsApiFixture fixture, PostgresInstance postgres)
    {
        var api = fixture.Api;
        var users = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await fixture.CreatorWithCreditsAsync(1000));
        }

        var statuses = new ConcurrentDictionary<int, int>();
        var acknowledged = new ConcurrentDictionary<Guid, TestUser>();
        var logical = new ConcurrentDictionary<Guid, int>();
        var outageSeen = new TaskCompletionSource();
        using var stopLoad = new CancellationTokenSource();
        var load = users.Select(user => Task.Run(async () =>
        {
            for (var n = 0; !stopLoad.IsCancellationRequested; n++)
            {
                logical[user.Id] = n + 1;
                // One logical request, retried with its idempotency key until acknowledged: retries never charge twice.
                var key = $"restart-{user.Id:N}-{n}";
                var body = new { spec = Storyboard(1), options = Fast(new { skip_render = true, delay_ms = 200 }), idempotency_key = key };
                var deadline = DateTime.UtcNow.AddSeconds(90);
                while (true)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"request {key} was never acknowledged: {string.Join(", ", statuses)}");
                    var reply = await user.Client.Call(HttpMethod.Post, "/v1/generate", body);
                    statuses.AddOrUpdate((int)reply.Status, 1, (_, count) => count + 1);
                    if (reply.Status is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        acknowledged[reply.Id()] = user;
                        // Reads while the database may be gone: 200 or 503, nothing else.
                        var read = await user.Client.Call(HttpMethod.Get, $"/v1/jobs/{reply.Id()}");
                        statuses.AddOrUpdate((int)read.Status, 1, (_, count) => count + 1);
                        break;
                    }
                    Assert.True(reply.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests,
                        $"{(int)reply.Status} {reply.Body}");
                    if (reply.Status == HttpStatusCode.ServiceUnavailable)
                    {
                        outageSeen.TrySetResult();
                    }
                    await Task.Delay(100);
                }
                await Task.Delay(50);
            }
        })).ToList();

        await Task.Delay(1500);
        postgres.StopServer();
        await Task.WhenAny(outageSeen.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        await Task.Delay(2000);
        postgres.StartServer();
        // Load goes on past the recovery, then every client finishes the request it is on.
        await Task.Delay(4000);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(outageSeen.Task.IsCompleted, $"no request saw the outage: {string.Join(", ", statuses)}");
        Assert.DoesNotContain(statuses.Keys, status => status >= 500 && status != 503);
        Assert.Equal(logical.Values.Sum(), acknowledged.Count);
        foreach (var (jobId, user) in acknowledged)
        {
            var job = await fixture.WaitForJobAsync(user, jobId, IsTerminal, seconds: 90);
            Assert.Equal("completed", job.GetProperty("status").GetString());
        }
        foreach (var user in users)
        {
            var jobs = await api.SqlAsync<int>("SELECT count(*) FROM jobs WHERE triggered_by = @Id", new { user.Id });
            var charged = await api.SqlAsync<int>("SELECT coalesce(sum(credits_charged - credits_refunded), 0) FROM jobs WHERE triggered_by = @Id", new { user.Id });
            var ledger = await api.SqlAsync<int>("SELECT coalesce(sum(delta), 0) FROM credit_ledger WHERE user_id = @Id", new { user.Id });
            Assert.Equal(logical[user.Id], jobs);
            Assert.Equal(1000 - charged, await api.SqlAsync<int>("SELECT credits FROM users WHERE id = @Id", new { user.Id }));
            Assert.Equal(1000 - charged, ledger);
        }
    }
}
