namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>What the runtime gives each activation: its identity, the factory, timers and reminders.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>
    /// A per-activation timer whose callback runs as a turn; gone when the activation is. Ticks do not
    /// count as use unless <paramref name="keepAlive"/> (as Orleans' timer option of that name).
    /// </summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive = false);

    /// <summary>A durable reminder; a null period fires once.</summary>
    Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan? period);

    Task UnregisterReminder(string name);

    /// <summary>Asks the runtime to collect this activation once the current turn ends.</summary>
    void DeactivateOnIdle();
}
