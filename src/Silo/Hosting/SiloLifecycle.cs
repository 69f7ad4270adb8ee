using Framecast.Silo.Membership;
using Framecast.Silo.Messaging;
using Framecast.Silo.Reminders;
using Framecast.Silo.Runtime;
using Framecast.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Hosting;

/// <summary>
/// Starts the silo in order (schema, membership, event listener, heartbeats, reminders, collection)
/// and stops it in reverse: stop taking calls, finish turns, deactivate, stop background loops,
/// leave the cluster.
/// </summary>
public sealed class SiloLifecycle(
    SiloOptions options,
    MigrationRunner migrations,
    SiloMembership membership,
    PostgresEventBus eventBus,
    ReminderService reminders,
    GrainRuntime runtime,
    ILogger<SiloLifecycle> logger) : IHostedService
{
    private readonly CancellationTokenSource _background = new();
    private readonly List<Task> _loops = [];

    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ApplyMigrations)
        {
            await migrations.ApplyAsync(cancellationToken);
        }
        await membership.JoinAsync(cancellationToken);
        var token = _background.Token;
        _loops.Add(Task.Run(() => eventBus.RunAsync(token), CancellationToken.None));
        await eventBus.Listening.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        _loops.Add(Task.Run(() => EveryAsync(options.HeartbeatInterval, membership.HeartbeatAsync, "heartbeat", token), CancellationToken.None));
        _loops.Add(Task.Run(() => reminders.RunAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => EveryAsync(options.CollectionInterval, async _ => await runtime.CollectIdleAsync(), "activation collection", token), CancellationToken.None));
        IsRunning = true;
        logger.LogInformation("Silo started");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }
        IsRunning = false;
        logger.LogInformation("Silo stopping: finishing turns and deactivating grains");
        await runtime.StopAsync(options.ShutdownTimeout);
        await _background.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(options.ShutdownTimeout, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        try
        {
            await membership.LeaveAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record that this silo left; the others will declare it dead");
        }
        logger.LogInformation("Silo stopped");
    }

    /// <summary>Stops every loop without leaving the cluster or deactivating: what a crash looks like to the others.</summary>
    public async Task AbortAsync()
    {
        IsRunning = false;
        runtime.Abort();
        await _background.CancelAsync();
        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> work, string what, CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(interval);
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await work(cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Silo {Work} failed; retrying next tick", what);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
