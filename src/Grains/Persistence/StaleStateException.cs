namespace Framecast.Grains.Persistence;

/// <summary>
/// A store found its root row at another version than the activation read. With Orleans' single
/// activation this means a rare duplicate activation wrote first: the silo's call filter drops this
/// activation (the next call loads fresh state) and answers 409 CONCURRENT_MODIFICATION.
/// </summary>
public sealed class StaleStateException(string row, long expectedVersion)
    : Exception($"{row} changed since version {expectedVersion} was read.")
{
    public string Row { get; } = row;

    public long ExpectedVersion { get; } = expectedVersion;
}
