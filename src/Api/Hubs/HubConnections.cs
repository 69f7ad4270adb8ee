namespace Framecast.Api.Hubs;

/// <summary>How many SignalR clients this silo holds: with none, there is no event to push or read.</summary>
public sealed class HubConnections
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Opened() => Interlocked.Increment(ref _count);

    public void Closed() => Interlocked.Decrement(ref _count);
}
