using Framecast.Grains.Abstractions.Jobs;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The cluster's worker queue (see <see cref="IWorkerQueueGrain"/>). Its turns are the only place a job is let
/// through to the worker, so the capacity can never be exceeded by two silos granting at once. Its state is the
/// jobs table's (priority, created_at, dispatched_at of the active jobs): it loads it on activation and compares
/// itself with it on a timer, so it survives the death of its silo and a release that never arrived.
/// </summary>
public sealed class WorkerQueueGrain(IWorkerQueueStore store, WorkerQueueOptions options, TimeProvider clock, ILogger<WorkerQueueGrain> logger)
    : Grain, IWorkerQueueGrain
{
    private const double RunSmoothing = 0.2;

    // Dispatched jobs and when each got its slot.
    private readonly Dictionary<Guid, DateTimeOffset> _running = [];
    private readonly Dictionary<Guid, Waiting> _waitingById = [];
    private readonly SortedSet<Waiting> _waiting = new(Comparer<Waiting>.Create(Compare));
    private TimeSpan _typicalRun = options.TypicalRun;

    /// <summary>
    /// A waiting job's rank: its admission time pushed back by one ageing period per level below urgent. Ranking by
    /// level minus waited periods is the same order at every instant, so a static key does it: a low job admitted at
    /// t goes before any normal job admitted after t + ageing.
    /// </summary>
    private sealed record Waiting(Guid JobId, JobPriority Priority, DateTimeOffset AdmittedAt, DateTimeOffset Rank);

    private static int Compare(Waiting? a, Waiting? b) =>
        (a!.Rank, a.AdmittedAt, a.JobId).CompareTo((b!.Rank, b.AdmittedAt, b.JobId));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReconcileAsync();
        this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions(options.ReconcileInterval, options.ReconcileInterval) { KeepAlive = true });
    }

    public async Task<QueuePlace> EnterAsync(QueueTicket ticket)
    {
        if (!_running.ContainsKey(ticket.JobId) && !_waitingById.ContainsKey(ticket.JobId))
        {
            Wait(ticket.JobId, ticket.Priority, ticket.AdmittedAt);
        }
        await DispatchAsync(except: ticket.JobId);
        return PlaceOf(ticket.JobId) ?? QueuePlace.Through;
    }

    public async Task LeaveAsync(Guid jobId)
    {
        if (_running.Remove(jobId, out var since))
        {
            var held = clock.GetUtcNow() - since;
            _typicalRun = TimeSpan.FromTicks((long)(_typicalRun.Ticks * (1 - RunSmoothing) + held.Ticks * RunSmoothing));
        }
        else if (_waitingById.Remove(jobId, out var waiting))
        {
            _waiting.Remove(waiting);
        }
        await DispatchAsync(except: null);
    }

    public Task<QueuePlace?> GetPlaceAsync(Guid jobId) => Task.FromResult(PlaceOf(jobId));

    private void Wait(Guid jobId, JobPriority priority, DateTimeOffset admittedAt)
    {
        var waiting = new Waiting(jobId, priority, admittedAt, admittedAt + options.Ageing * (int)priority);
        _waitingById[jobId] = waiting;
        _waiting.Add(waiting);
    }

    /// <summary>Lets the first waiting jobs through while slots are free, and wakes their grains (except the caller's).</summary>
    private async Task DispatchAsync(Guid? except)
    {
        var free = options.Capacity - _running.Count;
        if (free <= 0 || _waiting.Count == 0)
        {
            return;
        }
        var next = _waiting.Take(free).ToList();
        var dispatched = await store.DispatchAsync([.. next.Select(w => w.JobId)]);
        var now = clock.GetUtcNow();
        foreach (var waiting in next)
        {
            _waiting.Remove(waiting);
            _waitingById.Remove(waiting.JobId);
        }
        foreach (var jobId in dispatched)
        {
            _running[jobId] = now;
            if (jobId != except)
            {
                // One-way in effect: the grain's own timer would find out at its next tick anyway.
                GrainFactory.GetGrain<IJobGrain>(jobId).PokeAsync().Ignore();
            }
        }
        if (dispatched.Count < next.Count)
        {
            // Some had ended while waiting: their slots are still free.
            await DispatchAsync(except);
        }
    }

    private QueuePlace? PlaceOf(Guid jobId)
    {
        if (_running.ContainsKey(jobId))
        {
            return QueuePlace.Through;
        }
        if (!_waitingById.ContainsKey(jobId))
        {
            return null;
        }
        var position = 1;
        foreach (var waiting in _waiting)
        {
            if (waiting.JobId == jobId)
            {
                break;
            }
            position++;
        }
        // The slot it waits for is the position-th to free up; the running jobs free theirs about every typical run / capacity.
        var turns = (int)Math.Ceiling(position / (double)options.Capacity);
        return new QueuePlace(false, position, clock.GetUtcNow() + _typicalRun * turns);
    }

    /// <summary>Takes the jobs table as the truth: what ended leaves, what was admitted but never entered joins.</summary>
    private async Task ReconcileAsync()
    {
        IReadOnlyList<QueuedJob> active;
        try
        {
            active = await store.LoadActiveAsync();
        }
        catch (Exception ex) when (_running.Count + _waitingById.Count > 0)
        {
            logger.LogWarning(ex, "The worker queue could not compare itself with the jobs table; it tries again later");
            return;
        }
        var running = new Dictionary<Guid, DateTimeOffset>();
        _waiting.Clear();
        _waitingById.Clear();
        foreach (var job in active)
        {
            if (job.DispatchedAt is { } dispatchedAt)
            {
                running[job.JobId] = _running.GetValueOrDefault(job.JobId, dispatchedAt);
            }
            else
            {
                Wait(job.JobId, job.Priority, job.AdmittedAt);
            }
        }
        _running.Clear();
        foreach (var (jobId, since) in running)
        {
            _running[jobId] = since;
        }
        await DispatchAsync(except: null);
    }
}
