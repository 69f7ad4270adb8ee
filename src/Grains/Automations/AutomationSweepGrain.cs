using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Sweeps;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Automations;

/// <summary>Retention of executions and hook signatures (see <see cref="IAutomationSweepGrain"/>).</summary>
public sealed class AutomationSweepGrain(IAutomationStore store, AutomationOptions options, ILogger<AutomationSweepGrain> logger) : ClusterSweepGrain, IAutomationSweepGrain
{
    protected override TimeSpan Interval => options.SweepInterval;

    public override async Task<int> SweepAsync()
    {
        var deleted = await store.CleanupAsync();
        if (deleted > 0)
        {
            logger.LogDebug("The automation sweep deleted {Count} expired rows", deleted);
        }
        return deleted;
    }
}
