namespace Framecast.Bench.Scenarios;

/// <summary>What the subscribers of one SSE fan-out run share: the opening throttle, readiness, and the cancel's send time.</summary>
internal sealed class FanoutRun(int subscribers, int openingAtOnce, CancellationToken stop)
{
    private int _ready;

    public SemaphoreSlim Opening { get; } = new(openingAtOnce);

    public CancellationToken Stop { get; } = stop;

    public TaskCompletionSource AllReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp taken just before the cancel was sent.</summary>
    public TaskCompletionSource<long> CancelSentAt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LatencyRecorder Delivery { get; } = new();

    public OutcomeCounter Outcomes { get; } = new();

    public int Ready => Volatile.Read(ref _ready);

    public void MarkReady()
    {
        if (Interlocked.Increment(ref _ready) == subscribers)
        {
            AllReady.TrySetResult();
        }
    }
}
