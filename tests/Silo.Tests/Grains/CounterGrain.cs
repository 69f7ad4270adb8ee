using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Tests.Infrastructure;

namespace Framecast.Silo.Tests.Grains;

public sealed class CounterState
{
    public int Count { get; set; }
}

public interface ICounterGrain : IGrainWithGuidKey
{
    Task<int> Increment();

    Task<int> Get();

    /// <summary>Holds the turn for a while, then increments.</summary>
    Task<int> SlowIncrement(int milliseconds);

    Task FailWith(string code, string message);

    Task CrashWith(string message);

    Task Deactivate();
}

/// <summary>The same counter under another grain type, so metrics tagged by type belong to one test.</summary>
public interface IContendedCounterGrain : ICounterGrain;

/// <summary>Document-state counter. Every lifecycle step and every conflict it meets goes to the probe.</summary>
public sealed class CounterGrain(IGrainStateStore store, Probe probe, SiloIdentity silo)
    : StatefulGrain<CounterState>(store), IContendedCounterGrain
{
    private string Key => GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        probe.Record($"activate:{Key}");
        probe.Record($"activate:{Key}:{silo.Id}");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{Key}:{reason}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        State.Count++;
        try
        {
            await WriteStateAsync();
        }
        catch (GrainStateConflictException)
        {
            probe.Record($"conflict:{Key}");
            throw;
        }
        return State.Count;
    }

    public Task<int> Get() => Task.FromResult(State.Count);

    public async Task<int> SlowIncrement(int milliseconds)
    {
        probe.Record($"slow-started:{Key}");
        await Task.Delay(milliseconds);
        var count = await Increment();
        probe.Record($"slow-finished:{Key}");
        return count;
    }

    public Task FailWith(string code, string message) =>
        throw new DomainException(new ErrorCode(code, 409), message, new Dictionary<string, object?> { ["grain"] = Key });

    public async Task CrashWith(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
