using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.Hosting;
using Framecast.Silo.Messaging;
using Framecast.Silo.Runtime;
using Framecast.Silo.Storage.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Jobs;

/// <summary>
/// Hands active jobs that no live silo drives to this silo's job grains. A claim is a lease on the
/// job row taken with FOR UPDATE SKIP LOCKED, so each job has one driver; a dead or stopped
/// silo's leases lapse (or are released) and another silo resumes its jobs from the stored worker
/// request id. Wakes when a job is queued and polls as a fallback.
/// </summary>
public sealed class JobDispatcher(
    NpgsqlDataSource dataSource,
    SiloIdentity silo,
    GrainRuntime runtime,
    IEventBus bus,
    JobExecutionOptions options,
    ILogger<JobDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only a new job is new work; progress and endings are not.
        using var subscription = bus.Subscribe(JobEventLog.AllJobsTopic, payload =>
        {
            if (payload.EndsWith("|queued", StringComparison.Ordinal))
            {
                Wake();
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimAsync(stoppingToken);
                foreach (var jobId in claimed)
                {
                    _ = DriveAsync(jobId);
                }
                if (claimed.Count == BatchSize)
                {
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Claiming jobs failed");
            }
            try
            {
                await _wake.WaitAsync(options.DispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    private async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>("""
            UPDATE jobs SET lease_silo = @siloId, lease_until = now() + make_interval(secs => @seconds)
            WHERE id IN (
                SELECT id FROM jobs
                WHERE status IN ('queued', 'processing') AND (lease_until IS NULL OR lease_until < now())
                ORDER BY created_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, new { siloId = silo.Id, seconds = options.LeaseDuration.TotalSeconds, limit = BatchSize })).ToList();
    }

    private async Task DriveAsync(Guid jobId)
    {
        try
        {
            await runtime.GetGrain<IJobGrain>(jobId).DriveAsync();
        }
        catch (Exception ex)
        {
            // The lease stays until it lapses, which spaces out retries against a failing worker.
            logger.LogWarning(ex, "Driving job {JobId} failed; it will be retried when its lease lapses", jobId);
        }
    }
}
