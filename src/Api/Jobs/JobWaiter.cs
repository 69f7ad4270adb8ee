using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Jobs;

namespace Framecast.Api.Jobs;

/// <summary>
/// Holds a create's answer until its job ends. It listens on this silo's event feed, the one the SSE streams share,
/// so a hold is an awaited task: no thread blocks and no grain is kept busy; the job grain is asked only at the end.
/// </summary>
public sealed class JobWaiter(JobEventFeed feed, IGrainFactory grains)
{
    /// <summary>The job as it stands when it ended, when <paramref name="wait"/> ran out, or when the client left.</summary>
    public async Task<JobRecord> WaitAsync(JobRecord job, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (job.Status.IsTerminal() || wait <= TimeSpan.Zero)
        {
            return job;
        }
        var deadline = DateTime.UtcNow + wait;
        using (var follower = feed.Follow(job.Id))
        {
            long after = 0;
            try
            {
                for (var left = wait; left > TimeSpan.Zero; left = deadline - DateTime.UtcNow)
                {
                    var events = await follower.NextAsync(after, left, cancellationToken);
                    if (events.Any(e => e.EventType.IsTerminal()))
                    {
                        break;
                    }
                    after = events.Count > 0 ? events[^1].Sequence : after;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client went away: nobody reads the answer, so the job as admitted will do.
                return job;
            }
        }
        // The terminal event is committed by the credit pool before the job grain hears the outcome: ask again
        // briefly until the grain has it, so the answer agrees with the event that ended the hold.
        var grain = grains.GetGrain<IJobGrain>(job.Id);
        var latest = await grain.GetAsync() ?? job;
        for (var tries = 0; !latest.Status.IsTerminal() && tries < 50 && DateTime.UtcNow < deadline; tries++)
        {
            await Task.Delay(20, CancellationToken.None);
            latest = await grain.GetAsync() ?? latest;
        }
        return latest;
    }
}
