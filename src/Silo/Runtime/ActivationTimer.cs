namespace Framecast.Silo.Runtime;

/// <summary>A per-activation timer. A tick is a turn; ticks do not pile up while one is queued.</summary>
internal sealed class ActivationTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Timer _timer;
    private int _tickQueued;
    private bool _disposed;

    public ActivationTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive)
    {
        _activation = activation;
        Callback = callback;
        KeepAlive = keepAlive;
        _timer = new Timer(_ => OnTick(), null, dueTime, period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
    }

    public Func<CancellationToken, Task> Callback { get; }

    /// <summary>Whether a tick counts as use of the grain, so idle collection leaves it alone.</summary>
    public bool KeepAlive { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed);

    private void OnTick()
    {
        if (IsDisposed || Interlocked.CompareExchange(ref _tickQueued, 1, 0) != 0)
        {
            return;
        }
        if (!_activation.TryEnqueue(new TimerWorkItem(this)))
        {
            TickFinished();
        }
    }

    public void TickFinished() => Interlocked.Exchange(ref _tickQueued, 0);

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }
}
