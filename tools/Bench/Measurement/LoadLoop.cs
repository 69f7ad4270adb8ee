using System.Diagnostics;

namespace Framecast.Bench.Measurement;

/// <summary>
/// Runs one operation from many workers at once, each in a closed loop, until the duration is over or the
/// operation cap is reached — whichever comes first — and reports how long that really took.
/// </summary>
public static class LoadLoop
{
    /// <summary>A bound on any one scenario, however fast the machine.</summary>
    public const long MaxOperations = 2_000_000;

    /// <summary>How long in-flight operations may run past the deadline before they are abandoned.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static async Task<TimeSpan> RunAsync(int workers, TimeSpan duration, Func<int, CancellationToken, Task> operation, OutcomeCounter outcomes,
        CancellationToken cancellationToken)
    {
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(duration + Grace);
        long started = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && Interlocked.Increment(ref started) <= MaxOperations && !hardStop.IsCancellationRequested)
            {
                try
                {
                    await operation(worker, hardStop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // Counted, not fatal: errors under load are part of what the benchmark reports.
                    outcomes.AddException(e);
                }
            }
        }, CancellationToken.None)));
        return clock.Elapsed;
    }
}
