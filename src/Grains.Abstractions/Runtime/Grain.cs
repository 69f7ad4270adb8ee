namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>Base class of every grain, as in Orleans: one activation per id, one turn at a time.</summary>
public abstract class Grain
{
    private IGrainContext? _context;

    protected IGrainContext Context =>
        _context ?? throw new InvalidOperationException("The grain has not been attached to the runtime.");

    public GrainId GrainId => Context.GrainId;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>Called by the runtime once, before the first turn of the activation.</summary>
    public void Attach(IGrainContext context) => _context = context;

    public Guid GetPrimaryKey() => Guid.Parse(GrainId.Key);

    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>Loads state. Also called again after a conflict or a notice that another silo changed the state.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive = false) =>
        Context.RegisterTimer(callback, dueTime, period, keepAlive);

    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan? period = null) =>
        Context.RegisterOrUpdateReminder(name, dueTime, period);

    protected Task UnregisterReminder(string name) => Context.UnregisterReminder(name);

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();
}

public enum DeactivationReason
{
    Idle,
    Requested,
    StateChangedElsewhere,
    SiloStopping,
}
