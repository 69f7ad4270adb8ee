using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.TestingHost;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>Silos going away while jobs run: every job still finishes once, is submitted once and charged once.</summary>
public sealed class JobTakeoverTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Jobs_running_when_their_silo_goes_away_finish_once_on_the_next_silo(bool crash)
    {
        // A worker of its own, so its counters speak of this test's jobs only.
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 4);
        await using var harness = await StartAsync(worker);
        var user = await harness.CreateUserAsync("creator", 100);
        var owner = $"framecast:user:{user}";
        var spec = Storyboard(1, 1, 1);
        var jobs = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            jobs.Add((await harness.AdmitAsync(owner, user, spec, Steering(new { skip_render = true, delay_ms = 700 }))).Job.Id);
        }
        foreach (var job in jobs)
        {
            await harness.WaitForAsync(job, j => j.Status == JobStatus.Processing);
        }

        if (crash)
        {
            await harness.Cluster.KillSiloAsync(harness.Cluster.Silos[0]);
        }
        else
        {
            await harness.Cluster.StopSiloAsync(harness.Cluster.Silos[0]);
        }
        await harness.Cluster.StartSiloAsync();

        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(job, TimeSpan.FromSeconds(60))).Status);
            var events = await harness.EventsAsync(job);
            Assert.Single(events, e => e.Type == "completed");
            Assert.Single(events, e => e.Type == "started");
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        }
        Assert.Equal(100 - 4 * Price(spec), await harness.BalanceAsync("users", user));
        Assert.Equal(-4 * Price(spec), await harness.LedgerSumAsync(owner));
        using var http = new HttpClient();
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{worker.BaseUrl}/local/health")).RootElement.GetProperty("jobs");
        // Resumed from the stored request ids: the worker saw each job exactly once.
        Assert.Equal(4, health.GetProperty("completed").GetInt32());
        Assert.Equal(0, health.GetProperty("inQueue").GetInt32() + health.GetProperty("inProgress").GetInt32());
    }
}
