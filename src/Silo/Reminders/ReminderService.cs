using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Runtime;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Reminders;

/// <summary>Polls the reminders table, claims what is due and fires each reminder on its grain.</summary>
public sealed class ReminderService(ReminderTable table, GrainRuntime runtime, SiloIdentity silo, SiloOptions options, ILogger<ReminderService> logger)
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(options.ReminderPollInterval);
        do
        {
            try
            {
                await PollOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Polling reminders failed");
            }
        }
        while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var due = await table.ClaimDueAsync(silo.Id, options.ReminderClaimLease, 100, cancellationToken);
        await Task.WhenAll(due.Select(reminder => FireAsync(reminder, cancellationToken)));
        return due.Count;
    }

    private async Task FireAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        if (!runtime.IsRegistered(reminder.GrainType))
        {
            logger.LogWarning("Reminder {Name} names grain type {GrainType}, which this silo does not host", reminder.Name, reminder.GrainType);
            await table.ReleaseAsync(reminder, RetryAfterFailure, cancellationToken);
            return;
        }
        var tick = new ReminderTick(
            new DateTimeOffset(DateTime.SpecifyKind(reminder.DueAt, DateTimeKind.Utc)),
            DateTimeOffset.UtcNow,
            reminder.PeriodMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        try
        {
            await runtime.InvokeReminderAsync(new GrainId(reminder.GrainType, reminder.GrainKey), reminder.Name, tick);
            await table.CompleteAsync(reminder, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reminder {Name} of {GrainType}/{GrainKey} failed; it will be retried", reminder.Name, reminder.GrainType, reminder.GrainKey);
            await table.ReleaseAsync(reminder, RetryAfterFailure, cancellationToken);
        }
    }
}
