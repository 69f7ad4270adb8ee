using System.Collections.Concurrent;
using System.Reflection;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Reminders;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Runtime;

/// <summary>
/// The silo's grain directory and call dispatcher. Any silo may activate any grain: there is no
/// placement. Two activations of one grain on two silos are kept honest by the version check on
/// every write and by state-change notices, not by coordination between silos.
/// </summary>
public sealed class GrainRuntime : IGrainFactory
{
    private static readonly MethodInfo ReceiveReminderMethod = typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!;

    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainTypeRegistry _registry;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _acceptingCalls = true;

    public GrainRuntime(
        IServiceProvider services,
        GrainTypeRegistry registry,
        SiloOptions options,
        IEnumerable<IGrainCallFilter> filters,
        ReminderTable reminders,
        ILoggerFactory loggerFactory)
    {
        Services = services;
        _registry = registry;
        Options = options;
        Filters = [.. filters];
        Reminders = reminders;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<GrainRuntime>();
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public IReadOnlyList<IGrainCallFilter> Filters { get; }

    public ReminderTable Reminders { get; }

    public CancellationToken Stopping => _stopping.Token;

    public int ActivationCount => _activations.Count;

    public IReadOnlyCollection<GrainId> ActiveGrains => [.. _activations.Keys];

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        GrainReference.Create<TGrainInterface>(this, GrainId.For<TGrainInterface>(key));

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey =>
        GrainReference.Create<TGrainInterface>(this, GrainId.For<TGrainInterface>(key));

    internal async Task<object?> InvokeAsync(GrainId grainId, MethodInfo method, object?[] arguments)
    {
        if (!_acceptingCalls)
        {
            throw new DomainException(ErrorCodes.Unavailable, "This silo is shutting down; retry the request.");
        }
        var call = new CallWorkItem(method, arguments);
        Dispatch(grainId, call);
        try
        {
            return await call.Completion.WaitAsync(Options.CallTimeout);
        }
        catch (TimeoutException)
        {
            call.Abandon();
            SiloTelemetry.Timeouts.Add(1, new KeyValuePair<string, object?>("grain.type", grainId.Type));
            throw new DomainException(ErrorCodes.Timeout,
                $"The call to {grainId.Type}.{method.Name} waited longer than {Options.CallTimeout.TotalSeconds:0.#} s.",
                new Dictionary<string, object?> { ["grain"] = grainId.ToString() });
        }
    }

    /// <summary>Fires a durable reminder on its grain, as a turn like any call.</summary>
    internal Task InvokeReminderAsync(GrainId grainId, string name, ReminderTick tick) =>
        InvokeAsync(grainId, ReceiveReminderMethod, [name, tick]);

    internal bool IsRegistered(string grainType) => _registry.IsRegistered(grainType);

    private void Dispatch(GrainId grainId, WorkItem item)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(grainId, CreateActivation);
            if (activation.TryEnqueue(item))
            {
                return;
            }
            _activations.TryRemove(new KeyValuePair<GrainId, Activation>(grainId, activation));
        }
    }

    internal void Redispatch(GrainId grainId, WorkItem item)
    {
        if (_acceptingCalls)
        {
            Dispatch(grainId, item);
        }
        else
        {
            item.Reject(new DomainException(ErrorCodes.Unavailable, "This silo is shutting down; retry the request."));
        }
    }

    private Activation CreateActivation(GrainId grainId) =>
        new(this, grainId, _registry.Resolve(grainId.Type), _loggerFactory.CreateLogger($"Framecast.Grains.{grainId.Type}"));

    internal void Forget(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    internal Task Collect(Activation activation, DeactivationReason reason)
    {
        var item = new DeactivateWorkItem(reason);
        return activation.TryEnqueue(item) ? item.Completion : Task.CompletedTask;
    }

    /// <summary>Deactivates activations that have had no call for the idle timeout.</summary>
    public async Task<int> CollectIdleAsync()
    {
        var idle = _activations.Values.Where(a => a.IsIdle(Options.IdleTimeout)).ToList();
        await Task.WhenAll(idle.Select(a => Collect(a, DeactivationReason.Idle)));
        return idle.Count;
    }

    /// <summary>Another silo committed this grain's state.</summary>
    public void MarkStale(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            activation.MarkStale();
        }
    }

    /// <summary>Notices may have been missed (the listener reconnected): reload everything.</summary>
    public void MarkAllStale()
    {
        foreach (var activation in _activations.Values)
        {
            activation.MarkStale();
        }
    }

    /// <summary>Stops taking calls, lets queued turns finish, then deactivates every activation.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _acceptingCalls = false;
        var all = _activations.Values.Select(a => Collect(a, DeactivationReason.SiloStopping)).ToList();
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(timeout));
        if (_activations.Count > 0)
        {
            _logger.LogWarning("{Count} activations did not deactivate within {Timeout}", _activations.Count, timeout);
        }
        await _stopping.CancelAsync();
    }

    /// <summary>Drops every activation without running their deactivation: a crash, for fault tests.</summary>
    internal void Abort()
    {
        _acceptingCalls = false;
        _stopping.Cancel();
        // A crashed process runs nothing more: without this, timers kept running turns on a "dead" silo.
        foreach (var activation in _activations.Values)
        {
            activation.Abort();
        }
        _activations.Clear();
    }
}
