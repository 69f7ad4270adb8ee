using System.Collections.Concurrent;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Storage.Jobs;
using Npgsql;

namespace Framecast.Silo.Jobs;

/// <summary>
/// This silo's view of job events for its SSE streams. Per followed job it keeps one buffer, filled
/// from the batches the cluster's event hubs push to this silo: every follower takes its events from
/// the buffer, however many there are, and no row is read per subscriber. Rows are the truth: a gap
/// in the pushed batches, a resume from the past and a periodic safety read go to job_events, so a
/// lost message only delays delivery.
/// </summary>
public sealed class JobEventFeed
{
    private readonly ConcurrentDictionary<Guid, JobFeed> _feeds = new();
    private readonly NpgsqlDataSource _dataSource;

    public JobEventFeed(NpgsqlDataSource dataSource, ClusterJobEvents events)
    {
        _dataSource = dataSource;
        events.Received += batch =>
        {
            if (_feeds.TryGetValue(batch.JobId, out var feed))
            {
                feed.Offer(batch.Events);
            }
        };
        events.MayHaveMissed += () =>
        {
            foreach (var feed in _feeds.Values)
            {
                feed.Announce(long.MaxValue);
            }
        };
    }

    /// <summary>Follows one job until the follower is disposed.</summary>
    public JobFollower Follow(Guid jobId)
    {
        while (true)
        {
            var feed = _feeds.GetOrAdd(jobId, id => new JobFeed(id, _dataSource, f => _feeds.TryRemove(new KeyValuePair<Guid, JobFeed>(f.JobId, f))));
            if (feed.TryAddFollower())
            {
                return new JobFollower(feed);
            }
        }
    }

    internal sealed class JobFeed
    {
        private const int MaxBuffered = 2000;
        private static readonly TimeSpan SafetyRead = TimeSpan.FromSeconds(5);

        private readonly NpgsqlDataSource _dataSource;
        private readonly Action<JobFeed> _onClosed;
        private readonly SemaphoreSlim _readLock = new(1, 1);
        private readonly Lock _gate = new();
        // A contiguous run of sequences, oldest first: events are gap-free per job.
        private readonly List<JobEvent> _buffer = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _announced;
        private long _lastReadTicks;
        private int _followers;
        private bool _closed;

        public JobFeed(Guid jobId, NpgsqlDataSource dataSource, Action<JobFeed> onClosed)
        {
            JobId = jobId;
            _dataSource = dataSource;
            _onClosed = onClosed;
        }

        public Guid JobId { get; }

        public bool TryAddFollower()
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }
                _followers++;
                return true;
            }
        }

        public void RemoveFollower()
        {
            lock (_gate)
            {
                if (--_followers > 0)
                {
                    return;
                }
                _closed = true;
            }
            _onClosed(this);
        }

        /// <summary>Pushed events: kept when they continue the buffer, else only announced (a reader fills the gap from the rows).</summary>
        public void Offer(IReadOnlyList<JobEvent> events)
        {
            lock (_gate)
            {
                foreach (var e in events)
                {
                    if (_buffer.Count == 0 || e.Sequence == _buffer[^1].Sequence + 1)
                    {
                        _buffer.Add(e);
                    }
                }
                if (_buffer.Count > MaxBuffered)
                {
                    _buffer.RemoveRange(0, _buffer.Count - MaxBuffered);
                }
            }
            Announce(events.Count > 0 ? events[^1].Sequence : long.MaxValue);
        }

        /// <summary>A new event exists (or may: after a missed renewal).</summary>
        public void Announce(long sequence)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _announced = Math.Max(_announced, sequence);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.TrySetResult();
        }

        public async Task<IReadOnlyList<JobEvent>> NextAsync(long afterSequence, TimeSpan wait, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    changed = _changed.Task;
                }
                var found = await ReadAsync(afterSequence, cancellationToken);
                var left = deadline - DateTime.UtcNow;
                if (found.Count > 0 || left <= TimeSpan.Zero)
                {
                    return found;
                }
                // WaitAsync's timer goes when the event comes: with thousands of followers, no timers pile up.
                await changed.WaitAsync(left < SafetyRead ? left : SafetyRead, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private async Task<IReadOnlyList<JobEvent>> ReadAsync(long afterSequence, CancellationToken cancellationToken)
        {
            bool behind;
            lock (_gate)
            {
                if (TakeUnlocked(afterSequence) is { } buffered)
                {
                    return buffered;
                }
                behind = _buffer.Count > 0 && afterSequence < _buffer[0].Sequence - 1;
            }
            if (behind)
            {
                // A follower resuming from before the buffer reads its own past.
                return await JobEventLog.ReadAfterAsync(_dataSource, JobId, afterSequence);
            }
            await _readLock.WaitAsync(cancellationToken);
            try
            {
                long from;
                lock (_gate)
                {
                    if (TakeUnlocked(afterSequence) is { } refreshedMeanwhile)
                    {
                        return refreshedMeanwhile;
                    }
                    from = _buffer.Count > 0 ? _buffer[^1].Sequence : afterSequence;
                    var sinceRead = TimeSpan.FromTicks(DateTime.UtcNow.Ticks - _lastReadTicks);
                    if (_announced <= from && sinceRead < SafetyRead)
                    {
                        return [];
                    }
                    _lastReadTicks = DateTime.UtcNow.Ticks;
                }
                var fresh = await JobEventLog.ReadAfterAsync(_dataSource, JobId, from);
                lock (_gate)
                {
                    if (fresh.Count > 0 && (_buffer.Count == 0 || fresh[0].Sequence == _buffer[^1].Sequence + 1))
                    {
                        _buffer.AddRange(fresh);
                        if (_buffer.Count > MaxBuffered)
                        {
                            _buffer.RemoveRange(0, _buffer.Count - MaxBuffered);
                        }
                    }
                    return TakeUnlocked(afterSequence) ?? [];
                }
            }
            finally
            {
                _readLock.Release();
            }
        }

        private List<JobEvent>? TakeUnlocked(long afterSequence)
        {
            if (_buffer.Count == 0 || afterSequence < _buffer[0].Sequence - 1 || afterSequence >= _buffer[^1].Sequence)
            {
                return null;
            }
            var start = (int)(afterSequence - _buffer[0].Sequence + 1);
            return _buffer.GetRange(start, _buffer.Count - start);
        }
    }
}

/// <summary>One client following one job; dispose it when the client goes.</summary>
public sealed class JobFollower : IDisposable
{
    private readonly JobEventFeed.JobFeed _feed;
    private int _disposed;

    internal JobFollower(JobEventFeed.JobFeed feed) => _feed = feed;

    /// <summary>The events after <paramref name="afterSequence"/>; waits up to <paramref name="wait"/> for some, else returns none.</summary>
    public Task<IReadOnlyList<JobEvent>> NextAsync(long afterSequence, TimeSpan wait, CancellationToken cancellationToken) =>
        _feed.NextAsync(afterSequence, wait, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _feed.RemoveFollower();
        }
    }
}
