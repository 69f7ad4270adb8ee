using Dapper;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Sweeps;
using Framecast.TestingHost;

namespace Framecast.Silo.Tests.Automations;

/// <summary>The automation sweep keeps executions 30 days and accepted hook signatures ten minutes, and no longer.</summary>
public sealed class AutomationRetentionTests
{
    [Fact]
    public async Task The_sweep_deletes_executions_older_than_30_days_and_stale_signatures_and_keeps_the_rest()
    {
        await using var cluster = await FramecastCluster.StartAsync(1);
        await using var connection = new Npgsql.NpgsqlConnection(cluster.DatabaseUrl);
        var (user, team, project) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync("""
            INSERT INTO users (id, email, tier, credits, upgraded_at) VALUES (@user, @email, 'creator', 0, now());
            INSERT INTO teams (id, name, slug, credits) VALUES (@team, 'Team', @slug, 0);
            INSERT INTO projects (id, team_id, created_by, name) VALUES (@project, @team, @user, 'P');
            """, new { user, team, project, email = $"u{user:N}@example.com", slug = $"t-{team:N}" });
        var automation = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IAutomationGrain>(automation).CreateAsync(new NewAutomation(project, team, user, "Hook", true,
            new AutomationTrigger(AutomationTriggerType.Webhook, null, "UTC"), new Dictionary<string, string>(), "{}"));
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
}
