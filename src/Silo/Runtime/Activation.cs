using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Runtime;

/// <summary>
/// One in-memory instance of a grain on this silo. Work items run one at a time in arrival order
/// (a single reader over a FIFO channel), so a grain's code never races with itself.
/// </summary>
internal sealed class Activation : IGrainContext
{
    private static readonly ConcurrentDictionary<MethodInfo, PropertyInfo?> ResultProperties = new();

    private readonly GrainRuntime _runtime;
    private readonly GrainType _type;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ActivationTimer> _timers = [];
    private readonly ILogger _logger;
    private Grain? _grain;
    private int _pending;
    private bool _closed;
    private bool _started;
    private volatile bool _aborted;
    private volatile bool _stale;
    private bool _deactivateOnIdle;
    private long _lastUsedTicks = Environment.TickCount64;

    public Activation(GrainRuntime runtime, GrainId grainId, GrainType type, ILogger logger)
    {
        _runtime = runtime;
        _type = type;
        _logger = logger;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _runtime;

    public bool IsIdle(TimeSpan idleTimeout) =>
        Volatile.Read(ref _pending) == 0 && Environment.TickCount64 - Volatile.Read(ref _lastUsedTicks) >= idleTimeout.TotalMilliseconds;

    /// <summary>Another silo committed this grain's state: reload before the next turn.</summary>
    public void MarkStale() => _stale = true;

    public bool TryEnqueue(WorkItem item)
    {
        lock (_gate)
        {
            // The turn loop starts with the first item, so an activation that lost a GetOrAdd race never runs one.
            if (!_started)
            {
                _started = true;
                _ = Task.Run(RunAsync);
            }
            if (_closed)
            {
                return false;
            }
            _pending++;
            if (item.KeepsAlive)
            {
                Volatile.Write(ref _lastUsedTicks, Environment.TickCount64);
            }
            return _queue.Writer.TryWrite(item);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync())
        {
            try
            {
                if (_aborted)
                {
                    item.Reject(new DomainException(ErrorCodes.Unavailable, "This silo is shutting down; retry the request."));
                }
                else
                {
                    await item.ExecuteAsync(this);
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Work item on {GrainId} failed outside a call", GrainId);
            }
            finally
            {
                lock (_gate)
                {
                    _pending--;
                }
                if (item.KeepsAlive)
                {
                    Volatile.Write(ref _lastUsedTicks, Environment.TickCount64);
                }
            }
            if (_deactivateOnIdle && Volatile.Read(ref _pending) == 0)
            {
                _deactivateOnIdle = false;
                _ = _runtime.Collect(this, DeactivationReason.Requested);
            }
        }
    }

    public async Task RunCallAsync(CallWorkItem call)
    {
        if (call.Abandoned)
        {
            call.Fail(new OperationCanceledException("The caller stopped waiting before the turn started."));
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var grain = await EnsureActiveAsync();
                call.Complete(await InvokeAsync(grain, call.Method, call.Arguments));
                return;
            }
            catch (GrainStateConflictException conflict)
            {
                SiloTelemetry.Conflicts.Add(1, new KeyValuePair<string, object?>("grain.type", GrainId.Type));
                _grain = null;
                if (attempt >= _runtime.Options.MaxConflictRetries)
                {
                    call.Fail(new DomainException(ErrorCodes.ConcurrentModification,
                        "The resource kept changing while the request ran; retry it.",
                        new Dictionary<string, object?> { ["grain"] = conflict.GrainId.ToString() }));
                    return;
                }
                // Exponential backoff with jitter: another silo is writing this grain right now.
                await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt + 1, 7)));
            }
            catch (Exception ex)
            {
                if (ex is not DomainException)
                {
                    // State may be half-applied in memory; the database is the truth, so reload it.
                    _grain = null;
                }
                call.Fail(ex);
                return;
            }
        }
    }

    public async Task RunTimerAsync(ActivationTimer timer)
    {
        try
        {
            if (timer.IsDisposed)
            {
                return;
            }
            await EnsureActiveAsync();
            // A reload (stale notice, conflict, failed call) replaces the grain instance and disposes
            // the timers of the old one; its callback must not run on the instance that is gone.
            if (timer.IsDisposed)
            {
                return;
            }
            await timer.Callback(_runtime.Stopping);
        }
        catch (GrainStateConflictException)
        {
            _grain = null;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Timer of {GrainId} failed", GrainId);
        }
        finally
        {
            timer.TickFinished();
        }
    }

    public async Task DeactivateAsync(DeactivateWorkItem item)
    {
        lock (_gate)
        {
            // Someone called in since collection was decided: stay active.
            if (_pending > 1 && item.Reason is DeactivationReason.Idle or DeactivationReason.Requested)
            {
                return;
            }
            _closed = true;
        }
        _runtime.Forget(this);
        DisposeTimers();
        if (_grain is { } grain)
        {
            try
            {
                await grain.OnDeactivateAsync(item.Reason, _runtime.Stopping);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "OnDeactivateAsync of {GrainId} failed", GrainId);
            }
            _grain = null;
        }
        SiloTelemetry.Deactivations.Add(1, new KeyValuePair<string, object?>("grain.type", GrainId.Type));
        _queue.Writer.TryComplete();
        // Calls that were queued behind the deactivation go to a fresh activation; timer ticks and
        // further deactivations belonged to this one and end with it.
        while (_queue.Reader.TryRead(out var next))
        {
            lock (_gate)
            {
                _pending--;
            }
            if (next is CallWorkItem)
            {
                _runtime.Redispatch(GrainId, next);
            }
            else
            {
                next.Reject(new ObjectDisposedException(GrainId.ToString()));
            }
        }
    }

    /// <summary>The silo crashed (fault tests): timers stop, and nothing queued runs any more.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _closed = true;
            _aborted = true;
        }
        DisposeTimers();
        _queue.Writer.TryComplete();
    }

    private async Task<Grain> EnsureActiveAsync()
    {
        if (_grain is { } current && !_stale)
        {
            return current;
        }
        DisposeTimers();
        _stale = false;
        var grain = (Grain)ActivatorUtilities.CreateInstance(_runtime.Services, _type.Implementation);
        grain.Attach(this);
        await grain.OnActivateAsync(_runtime.Stopping);
        SiloTelemetry.Activations.Add(1, new KeyValuePair<string, object?>("grain.type", GrainId.Type));
        _grain = grain;
        return grain;
    }

    private async Task<object?> InvokeAsync(Grain grain, MethodInfo method, object?[] arguments)
    {
        var context = new GrainCallContext(GrainId, grain, method, arguments);
        var filters = _runtime.Filters;
        var index = 0;
        async Task Next()
        {
            if (index < filters.Count)
            {
                await filters[index++].InvokeAsync(context, Next);
                return;
            }
            var task = (Task)method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
            await task;
            context.Result = ResultProperties.GetOrAdd(method, static m =>
                m.ReturnType.IsGenericType ? m.ReturnType.GetProperty(nameof(Task<object>.Result)) : null)?.GetValue(task);
        }
        await Next();
        return context.Result;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive = false)
    {
        var timer = new ActivationTimer(this, callback, dueTime, period, keepAlive);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        return timer;
    }

    public void RemoveTimer(ActivationTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        ActivationTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    public Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan? period) =>
        _runtime.Reminders.UpsertAsync(GrainId, name, dueTime, period);

    public Task UnregisterReminder(string name) => _runtime.Reminders.DeleteAsync(GrainId, name);

    public void DeactivateOnIdle() => _deactivateOnIdle = true;
}
