using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>Concurrent admissions against one credit pool, on two silos, with jobs really running.</summary>
public sealed class JobAdmissionRaceTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Twenty_racing_creators_for_one_team_never_pass_the_limit_or_the_credits_and_every_credit_is_accounted_for()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2);
        var creator = await harness.CreateUserAsync("creator", 0);
        var spec = Storyboard(2);
        var price = Price(spec);
        var team = await harness.CreateTeamAsync(credits: price * 8);
        var owner = $"framecast:team:{team}";
        var options = Steering(new { skip_render = true, delay_ms = 300 });
        using var stop = new CancellationTokenSource();
        var maxActive = 0;
        var monitor = Task.Run(async () =>
        {
            await using var connection = harness.Open();
            while (!stop.IsCancellationRequested)
            {
                var active = await connection.ExecuteScalarAsync<int>(
                    "SELECT count(*) FROM jobs WHERE owner = @owner AND status IN ('queued', 'processing')", new { owner });
                maxActive = Math.Max(maxActive, active);
                await Task.Delay(5);
            }
        });

        var admitted = 0;
        var limited = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            // Each client alternates silos, retries while the team is at its limit, stops when credits run out.
            var factory = harness.Cluster.GrainFactoryOf(harness.Cluster.Silos[i % 2]);
            while (true)
            {
                try
                {
                    await factory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key).AdmitAsync(
                        new AdmitJobCommand(Guid.NewGuid(), owner, creator, null, spec, options, price, null, "h"));
                    Interlocked.Increment(ref admitted);
                }
                catch (DomainException ex) when (ex.Error == ErrorCodes.ConcurrentJobLimit)
                {
                    Interlocked.Increment(ref limited);
                    await Task.Delay(50);
                }
                catch (DomainException ex) when (ex.Error == ErrorCodes.InsufficientCredits)
                {
                    return;
                }
            }
        })));
        await using var connection = harness.Open();
        var jobs = (await connection.QueryAsync<Guid>("SELECT id FROM jobs WHERE owner = @owner", new { owner })).ToList();
        foreach (var job in jobs)
        {
            await harness.WaitForEndAsync(job);
        }
        await stop.CancelAsync();
        await monitor;

        Assert.Equal(8, admitted);
        Assert.Equal(8, jobs.Count);
        Assert.True(limited > 0, "the race never met the concurrency limit");
        Assert.InRange(maxActive, 1, 5);
        var balance = await harness.BalanceAsync("teams", team);
        var charged = await connection.ExecuteScalarAsync<int>("SELECT sum(credits_charged - credits_refunded) FROM jobs WHERE owner = @owner", new { owner });
        Assert.Equal(0, balance);
        Assert.Equal(price * 8, charged);
        Assert.Equal(balance - price * 8, await harness.LedgerSumAsync(owner));
    }

    [Fact]
    public async Task A_starter_gets_exactly_one_active_job_out_of_twenty_racing_requests()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2);
        var starter = await harness.CreateUserAsync("starter", 1000);
        var owner = $"framecast:user:{starter}";
        var spec = Storyboard(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ExpectAsync(() =>
            harness.Cluster.GrainFactoryOf(harness.Cluster.Silos[i % 2]).GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key)
                .AdmitAsync(new AdmitJobCommand(Guid.NewGuid(), owner, starter, null, spec, Steering(new { outcome = "hang", skip_render = true }), Price(spec), null, "h")),
            ErrorCodes.ConcurrentJobLimit)));

        var accepted = results.Where(r => r is not null).ToList();
        Assert.Single(accepted);
        Assert.Equal(1000 - Price(spec), await harness.BalanceAsync("users", starter));
        await harness.CancelAsync(accepted[0].Job, starter);
    }

    [Fact]
    public async Task A_project_never_has_two_active_jobs()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2);
        var creator = await harness.CreateUserAsync("creator", 0);
        var team = await harness.CreateTeamAsync(credits: 1000);
        var project = await harness.CreateProjectAsync(team, creator);
        var owner = $"framecast:team:{team}";
        var spec = Storyboard(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ExpectAsync(() =>
            harness.Cluster.GrainFactoryOf(harness.Cluster.Silos[i % 2]).GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key)
                .AdmitAsync(new AdmitJobCommand(Guid.NewGuid(), owner, creator, project, spec, Steering(new { outcome = "hang", skip_render = true }), Price(spec), null, "h")),
            ErrorCodes.ProjectJobActive)));

        var accepted = results.Where(r => r is not null).ToList();
        Assert.Single(accepted);
        await using var connection = harness.Open();
        Assert.Equal("rendering", await connection.ExecuteScalarAsync<string>("SELECT status::text FROM projects WHERE id = @project", new { project }));
        await harness.CancelAsync(accepted[0].Job, creator);
        Assert.Equal("draft", await connection.ExecuteScalarAsync<string>("SELECT status::text FROM projects WHERE id = @project", new { project }));
    }

    [Fact]
    public async Task Ten_racing_retries_with_one_idempotency_key_create_one_job_and_all_get_it()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2);
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var spec = Storyboard(1);
        var options = Steering(new { skip_render = true });

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            harness.Cluster.GrainFactoryOf(harness.Cluster.Silos[i % 2]).GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key)
                .AdmitAsync(new AdmitJobCommand(Guid.NewGuid(), owner, user, null, spec, options, Price(spec), "retry-me", "same-request")))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Job.Id).Distinct());
        Assert.Equal(100 - Price(spec), await harness.BalanceAsync("users", user));

        var reused = await Assert.ThrowsAsync<DomainException>(() => harness.Cluster.GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key)
            .AdmitAsync(new AdmitJobCommand(Guid.NewGuid(), owner, user, null, spec, options, Price(spec), "retry-me", "another-request")));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Error);
    }

    [Fact]
    public async Task Short_of_credits_nothing_is_charged_and_no_job_is_created()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 1);
        var spec = Storyboard(5, 5);

        var refused = await Assert.ThrowsAsync<DomainException>(() => harness.AdmitAsync($"framecast:user:{user}", user, spec, Steering(new { })));

        Assert.Equal(ErrorCodes.InsufficientCredits, refused.Error);
        Assert.Equal(1, await harness.BalanceAsync("users", user));
        await using var connection = harness.Open();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM jobs"));
    }
}
