using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Tests.Infrastructure;

namespace Framecast.Silo.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(int periodMs, bool keepAlive = false);

    /// <summary>A call that holds the turn; a timer tick must not run inside it.</summary>
    Task Busy(int milliseconds);

    Task<int> Overlaps();
}

/// <summary>A timer registered by a call; ticks and calls check that they never share a turn.</summary>
public sealed class TimerGrain(Probe probe) : Grain, ITimerGrain
{
    private int _inTurn;
    private int _overlaps;

    private string Key => GetPrimaryKeyString();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{Key}:{reason}");
        return Task.CompletedTask;
    }

    public Task Start(int periodMs, bool keepAlive = false)
    {
        var period = TimeSpan.FromMilliseconds(periodMs);
        RegisterTimer(async _ =>
        {
            Enter();
            try
            {
                probe.Bump($"tick:{Key}");
                await Task.Delay(5);
            }
            finally
            {
                Exit();
            }
        }, period, period, keepAlive);
        return Task.CompletedTask;
    }

    public async Task Busy(int milliseconds)
    {
        Enter();
        try
        {
            probe.Record($"busy-started:{Key}");
            await Task.Delay(milliseconds);
        }
        finally
        {
            Exit();
        }
    }

    public Task<int> Overlaps() => Task.FromResult(_overlaps);

    private void Enter()
    {
        if (Interlocked.Increment(ref _inTurn) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    private void Exit() => Interlocked.Decrement(ref _inTurn);
}

public interface IStatefulTimerGrain : IGrainWithGuidKey
{
    Task<int> Get();

    Task<int> Increment();
}

/// <summary>
/// Document state plus a timer registered on activation. Each grain instance has a number; the probe
/// gets "activate:{silo}:{instance}" and "tick:{silo}:{instance}" so a test can tell which instance a tick ran on.
/// </summary>
public sealed class StatefulTimerGrain(IGrainStateStore store, Probe probe, SiloIdentity silo)
    : StatefulGrain<CounterState>(store), IStatefulTimerGrain
{
    private static int _instances;
    private readonly int _instance = Interlocked.Increment(ref _instances);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        probe.Record($"activate:{silo.Id}:{_instance}");
        RegisterTimer(_ =>
        {
            probe.Record($"tick:{silo.Id}:{_instance}");
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
    }

    public Task<int> Get() => Task.FromResult(State.Count);

    public async Task<int> Increment()
    {
        State.Count++;
        await WriteStateAsync();
        return State.Count;
    }
}
