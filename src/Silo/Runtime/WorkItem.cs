using System.Reflection;

namespace Framecast.Silo.Runtime;

/// <summary>A unit of work an activation runs as one turn.</summary>
internal abstract class WorkItem
{
    /// <summary>Whether the item counts as use of the grain (timers do not keep a grain alive).</summary>
    public virtual bool KeepsAlive => true;

    public abstract Task ExecuteAsync(Activation activation);

    /// <summary>The activation closed before this item ran.</summary>
    public abstract void Reject(Exception reason);
}

/// <summary>A call from a grain reference; its caller awaits <see cref="Completion"/>.</summary>
internal sealed class CallWorkItem(MethodInfo method, object?[] arguments) : WorkItem
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _abandoned;

    public MethodInfo Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public Task<object?> Completion => _completion.Task;

    /// <summary>The caller stopped waiting; a turn that has not started yet is skipped.</summary>
    public bool Abandoned => Volatile.Read(ref _abandoned) == 1;

    public void Abandon() => Interlocked.Exchange(ref _abandoned, 1);

    public void Complete(object? result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public override Task ExecuteAsync(Activation activation) => activation.RunCallAsync(this);

    public override void Reject(Exception reason) => Fail(reason);
}

internal sealed class TimerWorkItem(ActivationTimer timer) : WorkItem
{
    public override bool KeepsAlive => timer.KeepAlive;

    public override Task ExecuteAsync(Activation activation) => activation.RunTimerAsync(timer);

    public override void Reject(Exception reason) => timer.TickFinished();
}

internal sealed class DeactivateWorkItem(Grains.Abstractions.Runtime.DeactivationReason reason) : WorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Grains.Abstractions.Runtime.DeactivationReason Reason { get; } = reason;

    public override bool KeepsAlive => false;

    public Task Completion => _completion.Task;

    public override async Task ExecuteAsync(Activation activation)
    {
        await activation.DeactivateAsync(this);
        _completion.TrySetResult();
    }

    public void Done() => _completion.TrySetResult();

    public override void Reject(Exception reason) => _completion.TrySetResult();
}
