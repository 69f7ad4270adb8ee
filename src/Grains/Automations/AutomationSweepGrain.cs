using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Sweeps;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Automations;

/// <summary>Retention of executions and hook signatures, and executions a dead silo left pending (see <see cref="IAutomationSweepGrain"/>).</summary>
public sealed class AutomationSweepGrain(IAutomationStore store, AutomationOptions options, ILogger<AutomationSweepGrain> logger) : ClusterSweepGrain, IAutomationSweepGrain
{
    protected override TimeSpan Interval => options.SweepInterval;

    /// <summary>A claim younger than this may still be being admitted by a live activation.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public override async Task<int> SweepAsync()
    {
        foreach (var automationId in await store.ListWithPendingAsync(DateTimeOffset.UtcNow - Grace))
        {
            // One-way: each grain settles its own executions.
            await GrainFactory.GetGrain<IAutomationGrain>(automationId).ResumePendingAsync();
        }
        var deleted = await store.CleanupAsync();
        if (deleted > 0)
        {
            logger.LogDebug("The automation sweep deleted {Count} expired rows", deleted);
        }
        return deleted;
    }
}
