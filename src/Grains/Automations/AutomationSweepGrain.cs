using Framecast.Grains.Abstractions.Automations;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Automations;

/// <summary>Retention of executions and hook signatures (see <see cref="IAutomationSweepGrain"/>).</summary>
public sealed class AutomationSweepGrain(IAutomationStore store, AutomationOptions options, ILogger<AutomationSweepGrain> logger) : Grain, IAutomationSweepGrain
{
    private const string SweepReminder = "sweep";

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, options.SweepInterval, options.SweepInterval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public async Task<int> SweepAsync()
    {
        var deleted = await store.CleanupAsync();
        if (deleted > 0)
        {
            logger.LogDebug("The automation sweep deleted {Count} expired rows", deleted);
        }
        return deleted;
    }
}
