using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.TestingHost;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>The cluster under a crowd and across a full restart.</summary>
public sealed class ClusterScaleTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    private sealed record Owner(string Urn, Guid TriggeredBy, string Table, Guid Id, int Initial, int ExpectedAdmissions);

    [Fact]
    public async Task A_thousand_racing_admissions_over_three_silos_are_exact_for_every_owner()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 3);
        var spec = Storyboard(1);
        var price = Price(spec);
        var owners = new List<Owner>();
        for (var i = 0; i < 4; i++)
        {
            // CARD-5: a starter runs one job at a time.
            var starter = await harness.CreateUserAsync("starter", 1000);
            owners.Add(new Owner($"framecast:user:{starter}", starter, "users", starter, 1000, 1));
        }
        for (var i = 0; i < 3; i++)
        {
            // CARD-6: five for a creator's own account.
            var creator = await harness.CreateUserAsync("creator", 1000);
            owners.Add(new Owner($"framecast:user:{creator}", creator, "users", creator, 1000, 5));
        }
        for (var i = 0; i < 3; i++)
        {
            // Credits for three jobs: the balance, not the team limit of five, is what stops them (INV-C1).
            var member = await harness.CreateUserAsync("creator", 0);
            var team = await harness.CreateTeamAsync(credits: price * 3);
            owners.Add(new Owner($"framecast:team:{team}", member, "teams", team, price * 3, 3));
        }
        var hang = Steering(new { outcome = "hang", skip_render = true });
        var admitted = new System.Collections.Concurrent.ConcurrentBag<(Owner Owner, JobRecord Job)>();
        var refusals = new System.Collections.Concurrent.ConcurrentDictionary<ErrorCode, int>();

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(n => Task.Run(async () =>
        {
            var owner = owners[n % owners.Count];
            var silo = harness.Cluster.Silos[n % harness.Cluster.Silos.Count];
            try
            {
                var result = await harness.Cluster.GrainFactoryOf(silo).GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner.Urn).Key)
                    .AdmitAsync(new AdmitJobCommand(Guid.NewGuid(), owner.Urn, owner.TriggeredBy, null, spec, hang, price, null, $"request-{n}"));
                admitted.Add((owner, result.Job));
            }
            catch (DomainException ex) when (ex.Error == ErrorCodes.ConcurrentJobLimit || ex.Error == ErrorCodes.InsufficientCredits)
            {
                refusals.AddOrUpdate(ex.Error, 1, (_, count) => count + 1);
            }
        })));

        Assert.Equal(owners.Sum(o => o.ExpectedAdmissions), admitted.Count);
        Assert.Equal(1000 - admitted.Count, refusals.Values.Sum());
        await using var connection = harness.Open();
        foreach (var owner in owners)
        {
            var mine = admitted.Count(a => a.Owner == owner);
            Assert.Equal(owner.ExpectedAdmissions, mine);
            Assert.Equal(mine, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM jobs WHERE owner = @Urn AND status IN ('queued', 'processing')", owner));
            Assert.Equal(owner.Initial - mine * price, await harness.BalanceAsync(owner.Table, owner.Id));
        }

        // Every job canceled, partly refunded: for every owner, debits − refunds is exactly the balance change.
        await Task.WhenAll(admitted.Select(a => harness.CancelAsync(a.Job, a.Owner.TriggeredBy)));
        foreach (var owner in owners)
        {
            var net = await connection.ExecuteScalarAsync<int>(
                "SELECT coalesce(sum(credits_charged - credits_refunded), 0) FROM jobs WHERE owner = @Urn AND status = 'canceled'", owner);
            var balance = await harness.BalanceAsync(owner.Table, owner.Id);
            Assert.Equal(owner.Initial - balance, net);
            Assert.Equal(balance - owner.Initial, await harness.LedgerSumAsync(owner.Urn));
        }
    }

    [Fact]
    public async Task Two_silos_never_drive_one_job_at_once()
    {
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 8);
        await using var harness = await StartAsync(worker, silos: 3);
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var spec = Storyboard(1, 1, 1);
        var jobs = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add((await harness.AdmitAsync(owner, user, spec, Steering(new { skip_render = true, delay_ms = 400 }))).Job.Id);
        }

        // Every silo starts and pokes every job at once, as a sweep, a reminder and a worker callback arriving on
        // different silos would.
        await Task.WhenAll(jobs.SelectMany(job => harness.Cluster.Silos.SelectMany(silo =>
        {
            var grain = harness.Cluster.GrainFactoryOf(silo).GetGrain<IJobGrain>(job);
            return new[] { grain.StartAsync(null), grain.PokeAsync() };
        })));
        var statistics = await harness.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();

        Assert.Equal(jobs.Count, statistics.Where(s => s.GrainType.StartsWith(typeof(JobGrain).FullName + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount));
        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(job)).Status);
            var events = await harness.EventsAsync(job);
            Assert.Single(events, e => e.Type == "started");
            Assert.Single(events, e => e.Type == "completed");
        }
        using var http = new HttpClient();
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{worker.BaseUrl}/local/health")).RootElement.GetProperty("jobs");
        // Submitted once each: a second driver would have sent a second request.
        Assert.Equal(jobs.Count, health.GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task A_job_reminder_survives_a_restart_of_the_whole_cluster()
    {
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 2);
        // The sweep is pushed out of the test's reach, so only the jobs' own reminders can bring them back.
        await using var harness = await StartAsync(worker, silos: 2, sweepInterval: TimeSpan.FromMinutes(10));
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var spec = Storyboard(1, 1);
        var jobs = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            jobs.Add((await harness.AdmitAsync(owner, user, spec, Steering(new { skip_render = true, delay_ms = 1500 }))).Job.Id);
        }
        foreach (var job in jobs)
        {
            await harness.WaitForAsync(job, j => j.Status == JobStatus.Processing);
        }

        // One silo leaves gracefully and the other crashes: no activation of the old cluster is left.
        await harness.Cluster.StopSiloAsync(harness.Cluster.Silos[1]);
        await harness.Cluster.KillSiloAsync(harness.Cluster.Silos[0]);
        Assert.Empty(harness.Cluster.Silos);
        await harness.Cluster.StartSiloAsync();
        await harness.Cluster.StartSiloAsync();

        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(job, TimeSpan.FromSeconds(90))).Status);
            var events = await harness.EventsAsync(job);
            Assert.Single(events, e => e.Type == "completed");
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        }
        Assert.Equal(100 - 2 * Price(spec), await harness.BalanceAsync("users", user));
        using var http = new HttpClient();
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{worker.BaseUrl}/local/health")).RootElement.GetProperty("jobs");
        Assert.Equal(2, health.GetProperty("completed").GetInt32());
        await using var connection = harness.Open();
        // A finished job's drive checkpoint and its reminder are gone with it.
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'drive'"));
    }
}
