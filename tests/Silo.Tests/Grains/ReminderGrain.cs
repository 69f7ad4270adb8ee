using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Tests.Infrastructure;

namespace Framecast.Silo.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>A period of 0 registers a one-shot reminder.</summary>
    Task Register(string name, int dueMs, int periodMs);

    Task Unregister(string name);
}

/// <summary>Records every firing (which silo, which due time, when it started and ended) in the probe.</summary>
public sealed class ReminderGrain(Probe probe, SiloIdentity silo) : Grain, IReminderGrain
{
    public Task Register(string name, int dueMs, int periodMs) =>
        RegisterOrUpdateReminder(name, TimeSpan.FromMilliseconds(dueMs), periodMs > 0 ? TimeSpan.FromMilliseconds(periodMs) : null);

    public Task Unregister(string name) => UnregisterReminder(name);

    public async Task ReceiveReminder(string reminderName, ReminderTick tick)
    {
        var started = ReminderFiring.Now;
        if (probe.ReminderHold > TimeSpan.Zero)
        {
            await Task.Delay(probe.ReminderHold);
        }
        probe.AddFiring(new ReminderFiring(GetPrimaryKeyString(), reminderName, silo.Id, tick.DueAt, started, ReminderFiring.Now));
    }
}
