namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>A grain with document state, read on activation and written with the version as ETag.</summary>
public abstract class StatefulGrain<TState>(IGrainStateStore store) : Grain where TState : class, new()
{
    protected TState State { get; private set; } = new();

    protected long StateVersion { get; private set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<TState>(GrainId, cancellationToken);
        State = stored.State;
        StateVersion = stored.Version;
    }

    protected async Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        StateVersion = await store.WriteAsync(GrainId, State, StateVersion, cancellationToken);
}
