using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Silo.Tests.Grains;

public sealed record SequenceSnapshot(int[] Order, int Overlaps, int MaxInTurn);

public interface ISequenceGrain : IGrainWithStringKey
{
    Task Enter(int number);

    Task<SequenceSnapshot> Snapshot();
}

/// <summary>Records the order its calls ran in and whether two of them were ever inside a turn at once.</summary>
public sealed class SequenceGrain : Grain, ISequenceGrain
{
    private readonly List<int> _order = [];
    private int _inTurn;
    private int _overlaps;
    private int _maxInTurn;

    public async Task Enter(int number)
    {
        var inside = Interlocked.Increment(ref _inTurn);
        if (inside > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
        _maxInTurn = Math.Max(_maxInTurn, inside);
        try
        {
            _order.Add(number);
            // Give other calls every chance to run now if the runtime would let them.
            await Task.Yield();
            if (number % 5 == 0)
            {
                await Task.Delay(1);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inTurn);
        }
    }

    public Task<SequenceSnapshot> Snapshot() => Task.FromResult(new SequenceSnapshot([.. _order], _overlaps, _maxInTurn));
}
