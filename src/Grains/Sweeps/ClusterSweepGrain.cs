using Framecast.Grains.Abstractions.Sweeps;

namespace Framecast.Grains.Sweeps;

/// <summary>
/// What every cluster sweep shares: one reminder of its own period, registered once however many silos ask at
/// start, whose tick runs a pass.
/// </summary>
public abstract class ClusterSweepGrain : Grain, IClusterSweepGrain, IRemindable
{
    private const string SweepReminder = "sweep";

    /// <summary>The reminder's period.</summary>
    protected abstract TimeSpan Interval { get; }

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Interval, Interval);
        }
    }

    public virtual Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    public abstract Task<int> SweepAsync();
}
