using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Tests.Jobs;
using Framecast.TestingHost;
using Orleans.Runtime;
using Orleans.TestingHost;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Automations;

/// <summary>A schedule automation on a 3-silo cluster: each cron occurrence fires once — one execution, one job — also when
/// the silo that holds the automation's grain (and so drives its reminder ticks) is killed.</summary>
public sealed class ScheduleAutomationTests
{
    [Fact]
    public async Task An_every_minute_schedule_renders_exactly_once_per_minute_across_the_death_of_its_silo()
    {
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 4);
        await using var harness = await StartAsync(worker, worker.BaseUrl, silos: 3,
            settings: new Dictionary<string, string> { ["AUTOMATION_SCHEDULE_TICK_MS"] = "1000" });
        var user = await harness.CreateUserAsync("creator", 0);
        var team = await harness.CreateTeamAsync(10_000);
        var project = await harness.CreateProjectAsync(team, user);
        await using (var connection = harness.Open())
        {
            await connection.ExecuteAsync("UPDATE projects SET spec = @spec::jsonb WHERE id = @project",
                new { project, spec = Storyboard(1).GetRawText() });
        }
        var automationId = Guid.NewGuid();
        var started = DateTimeOffset.UtcNow;
        await harness.Cluster.GrainFactory.GetGrain<IAutomationGrain>(automationId).CreateAsync(new NewAutomation(
            project, team, user, "Every minute", true, new AutomationTrigger(AutomationTriggerType.Schedule, "* * * * *", "UTC"),
            new Dictionary<string, string>(), Steering(new { skip_render = true }).GetRawText()));

        // The first occurrence fires on the silo that holds the grain.
        var first = await WaitForExecutionsAsync(harness, automationId, 1, TimeSpan.FromSeconds(75));
        var survivor = harness.Cluster.Silos[^1];
        var holder = await HolderAsync(harness, survivor, automationId);
        if (holder.SiloAddress.Equals(survivor.SiloAddress))
        {
            survivor = harness.Cluster.Silos[0];
        }
        await harness.Cluster.KillSiloAsync(holder);

        // Two more occurrences, driven by whichever silo picks the reminder up.
        var executions = await WaitForExecutionsAsync(harness, automationId, 3, TimeSpan.FromSeconds(150));
        // A little longer, so a late duplicate (a second activation's tick) would show.
        await Task.Delay(TimeSpan.FromSeconds(5));
        executions = await ExecutionsAsync(harness, automationId);

        var minutes = executions.Select(e => e.ScheduledFor).ToList();
        Assert.Equal(minutes.Count, minutes.Distinct().Count());
        Assert.All(minutes, m => Assert.Equal(0, m.Second + m.Millisecond));
        Assert.All(minutes, m => Assert.True(m > started, $"{m:O} is before the automation existed ({started:O})"));
        // One per minute, with no gap: the death of the holder lost no occurrence.
        Assert.Equal(Enumerable.Range(0, minutes.Count).Select(i => minutes[0].AddMinutes(i)), minutes);
        Assert.All(executions, e => Assert.True(e.Status == "started" && e.JobId is not null, $"{e.ScheduledFor:O}: {e.Status} {e.Reason}"));
        await using (var connection = harness.Open())
        {
            var jobs = (await connection.QueryAsync<Guid>("SELECT id FROM jobs WHERE project_id = @project", new { project })).ToList();
            Assert.Equal(executions.Count, jobs.Count);
            Assert.Equal(jobs.OrderBy(j => j), executions.Select(e => e.JobId!.Value).OrderBy(j => j));
        }
        foreach (var execution in executions)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(execution.JobId!.Value)).Status);
        }
        Assert.Equal(first[0].ScheduledFor, minutes[0]);
    }

    private sealed record Execution(DateTime ScheduledFor, string Status, Guid? JobId, string? Reason);

    private static async Task<List<Execution>> ExecutionsAsync(PipelineHarness harness, Guid automationId)
    {
        await using var connection = harness.Open();
        return (await connection.QueryAsync<Execution>("""
            SELECT scheduled_for AS ScheduledFor, status AS Status, job_id AS JobId, reason AS Reason
            FROM automation_executions WHERE automation_id = @automationId ORDER BY scheduled_for
            """, new { automationId })).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> executions are settled (none pending).</summary>
    private static async Task<List<Execution>> WaitForExecutionsAsync(PipelineHarness harness, Guid automationId, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var executions = await ExecutionsAsync(harness, automationId);
            if (executions.Count >= count && executions.All(e => e.Status != "pending"))
            {
                return executions;
            }
            Assert.True(DateTime.UtcNow < deadline, $"only {executions.Count} executions after {timeout}: {JsonSerializer.Serialize(executions)}");
            await Task.Delay(250);
        }
    }

    /// <summary>The silo where the automation's grain is active, asked through the management grain.</summary>
    private static async Task<SiloHandle> HolderAsync(PipelineHarness harness, SiloHandle asking, Guid automationId)
    {
        var factory = harness.Cluster.GrainFactoryOf(asking);
        var address = await factory.GetGrain<IManagementGrain>(0).GetActivationAddress(factory.GetGrain<IAutomationGrain>(automationId));
        Assert.NotNull(address);
        return harness.Cluster.Silos.Single(s => s.SiloAddress.Equals(address));
    }
}
