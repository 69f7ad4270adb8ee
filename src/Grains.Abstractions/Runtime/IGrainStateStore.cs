namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>
/// Document state for grains whose state needs no relational shape. The version is the ETag:
/// a write names the version it read and fails with <see cref="GrainStateConflictException"/> otherwise.
/// </summary>
public interface IGrainStateStore
{
    Task<StoredState<T>> ReadAsync<T>(GrainId grainId, CancellationToken cancellationToken = default) where T : class, new();

    Task<long> WriteAsync<T>(GrainId grainId, T state, long expectedVersion, CancellationToken cancellationToken = default) where T : class;

    Task ClearAsync(GrainId grainId, long expectedVersion, CancellationToken cancellationToken = default);
}

/// <summary>A version of 0 means the state was never written.</summary>
public sealed record StoredState<T>(T State, long Version);
