using Dapper;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Sweeps;
using Framecast.TestingHost;

namespace Framecast.Silo.Tests.Automations;

/// <summary>The automation sweep: executions are kept 30 days and accepted hook signatures ten minutes, and no longer;
/// an execution a dead silo left pending is admitted again, or fails once it is too old.</summary>
public sealed class AutomationRetentionTests
{
    [Fact]
    public async Task The_sweep_deletes_executions_older_than_30_days_and_stale_signatures_and_keeps_the_rest()
    {
        await using var cluster = await FramecastCluster.StartAsync(1);
        await using var connection = new Npgsql.NpgsqlConnection(cluster.DatabaseUrl);
        var (automation, _) = await HookAutomationAsync(cluster, connection, teamCredits: 0);
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync("""
            INSERT INTO automation_executions (id, automation_id, trigger_type, triggered_at, status, reason, created_at) VALUES
                (@old, @automation, 'webhook', now() - interval '31 days', 'failed', 'missing_variable', now() - interval '31 days'),
                (@recent, @automation, 'webhook', now() - interval '29 days', 'failed', 'missing_variable', now() - interval '29 days');
            INSERT INTO automation_hook_signatures (automation_id, signature, accepted_at) VALUES
                (@automation, repeat('a', 64), now() - interval '11 minutes'),
                (@automation, repeat('b', 64), now() - interval '1 minute');
            """, new { old, recent, automation });

        var deleted = await cluster.GrainFactory.GetGrain<IAutomationSweepGrain>(IClusterSweepGrain.Key).SweepAsync();

        Assert.Equal(2, deleted);
        Assert.Equal([recent], await connection.QueryAsync<Guid>("SELECT id FROM automation_executions WHERE automation_id = @automation", new { automation }));
        Assert.Equal(["b"], await connection.QueryAsync<string>(
            "SELECT left(signature, 1) FROM automation_hook_signatures WHERE automation_id = @automation", new { automation }));
    }

    [Fact]
    public async Task The_sweep_admits_an_execution_left_pending_once_and_fails_one_too_old_to_start()
    {
        await using var cluster = await FramecastCluster.StartAsync(1);
        await using var connection = new Npgsql.NpgsqlConnection(cluster.DatabaseUrl);
        var (automation, project) = await HookAutomationAsync(cluster, connection, teamCredits: 100);
        var (stale, tooOld) = (Guid.NewGuid(), Guid.NewGuid());
        // What a silo that died between the claim and the admission's answer leaves behind.
        await connection.ExecuteAsync("""
            INSERT INTO automation_executions (id, automation_id, trigger_type, triggered_at, status, trigger_data, created_at) VALUES
                (@stale, @automation, 'webhook', now() - interval '2 minutes', 'pending', '{"payload": {}}', now() - interval '2 minutes'),
                (@tooOld, @automation, 'webhook', now() - interval '20 minutes', 'pending', '{"payload": {}}', now() - interval '20 minutes');
            """, new { stale, tooOld, automation });
        var sweep = cluster.GrainFactory.GetGrain<IAutomationSweepGrain>(IClusterSweepGrain.Key);

        await sweep.SweepAsync();
        var outcomes = await Infrastructure.Eventually.ValueAsync(() => connection.QueryAsync<(Guid Id, string Status, Guid? JobId, string? Reason)>(
            "SELECT id, status, job_id, reason FROM automation_executions WHERE automation_id = @automation", new { automation }),
            rows => rows.All(r => r.Status != "pending"), TimeSpan.FromSeconds(15));
        await sweep.SweepAsync();

        var resumed = outcomes.Single(o => o.Id == stale);
        Assert.Equal("started", resumed.Status);
        Assert.Equal(project, await connection.ExecuteScalarAsync<Guid>("SELECT project_id FROM jobs WHERE id = @JobId", new { resumed.JobId }));
        var failed = outcomes.Single(o => o.Id == tooOld);
        Assert.Equal(("failed", "not_started"), (failed.Status, failed.Reason));
        // Swept twice, still one job: the execution's id is the admission's idempotency key.
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM jobs WHERE project_id = @project", new { project }));
    }

    private static async Task<(Guid Automation, Guid Project)> HookAutomationAsync(FramecastCluster cluster, Npgsql.NpgsqlConnection connection, int teamCredits)
    {
        var (user, team, project) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync("""
            INSERT INTO users (id, email, tier, credits, upgraded_at) VALUES (@user, @email, 'creator', 0, now());
            INSERT INTO teams (id, name, slug, credits) VALUES (@team, 'Team', @slug, @teamCredits);
            INSERT INTO projects (id, team_id, created_by, name, spec) VALUES (@project, @team, @user, 'P', @spec::jsonb);
            """, new { user, team, project, teamCredits, email = $"u{user:N}@example.com", slug = $"t-{team:N}",
                spec = Jobs.PipelineHarness.Storyboard(1).GetRawText() });
        var automation = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IAutomationGrain>(automation).CreateAsync(new NewAutomation(project, team, user, "Hook", true,
            new AutomationTrigger(AutomationTriggerType.Webhook, null, "UTC"), new Dictionary<string, string>(), "{}"));
        return (automation, project);
    }
}
