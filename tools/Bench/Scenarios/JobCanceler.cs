using System.Threading.Channels;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// Cancels admitted jobs in the background so their owners' slots free up while the admission load goes on;
/// <see cref="DrainAsync"/> waits for every queued cancel, so no scenario leaves active jobs behind.
/// </summary>
public sealed class JobCanceler
{
    private readonly Channel<(BenchOwner Owner, Guid JobId)> _queue = Channel.CreateUnbounded<(BenchOwner, Guid)>();
    private readonly Task[] _workers;

    public JobCanceler(ApiClient api, int workers, CancellationToken cancellationToken)
    {
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var (owner, jobId) in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    Outcomes.Add((await JobRequests.CancelAsync(api, owner.Token, jobId, cancellationToken)).Outcome);
                }
                catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Outcomes.AddException(e);
                }
            }
        }, CancellationToken.None)).ToArray();
    }

    public OutcomeCounter Outcomes { get; } = new();

    public void Enqueue(BenchOwner owner, Guid jobId) => _queue.Writer.TryWrite((owner, jobId));

    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }
}
