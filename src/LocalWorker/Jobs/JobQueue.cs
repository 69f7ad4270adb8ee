using System.Threading.Channels;

namespace Framecast.LocalWorker.Jobs;

/// <summary>
/// FIFO of jobs waiting for a render slot. A job canceled while queued stays in the channel
/// and is skipped when dequeued, because its state already says CANCELLED.
/// </summary>
public sealed class JobQueue
{
    private readonly Channel<WorkerJob> _channel = Channel.CreateUnbounded<WorkerJob>();

    public void Enqueue(WorkerJob job)
    {
        if (!_channel.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The job queue is closed.");
        }
    }

    public IAsyncEnumerable<WorkerJob> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
