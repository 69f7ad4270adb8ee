namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>
/// Thrown by a store when the grain's root row no longer has the version the activation read:
/// another silo committed first. The runtime reloads the activation and retries the call.
/// </summary>
public sealed class GrainStateConflictException(GrainId grainId, long expectedVersion)
    : Exception($"State of {grainId} changed since version {expectedVersion} was read.")
{
    public GrainId GrainId { get; } = grainId;

    public long ExpectedVersion { get; } = expectedVersion;
}
