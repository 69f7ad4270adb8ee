using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Jobs;

/// <summary>The cluster's worker queue (WORKER_* environment variables).</summary>
public sealed class WorkerQueueOptions
{
    /// <summary>How many jobs the RunPod endpoint is allowed to run at once; the rest wait queued in the cluster.</summary>
    [ConfigurationKeyName("WORKER_CAPACITY"), Range(1, 10_000, ErrorMessage = "WORKER_CAPACITY must be between 1 and 10000.")]
    public int Capacity { get; set; } = 10;

    /// <summary>How long a waiting job takes to climb one priority level: a low job admitted at t ranks with a normal
    /// one admitted at t + this, so a steady stream of normal jobs delays it by at most about three of these.</summary>
    [ConfigurationKeyName("WORKER_QUEUE_AGEING_MS"), Range(1, int.MaxValue, ErrorMessage = "WORKER_QUEUE_AGEING_MS must be positive.")]
    public int AgeingMs { get; set; } = 60_000;

    /// <summary>How often the queue compares itself with the jobs table (a release lost with a silo, a job whose
    /// grain never started).</summary>
    [ConfigurationKeyName("WORKER_QUEUE_RECONCILE_MS"), Range(100, int.MaxValue, ErrorMessage = "WORKER_QUEUE_RECONCILE_MS must be at least 100.")]
    public int ReconcileMs { get; set; } = 10_000;

    /// <summary>What a job is assumed to hold its slot for until the queue has seen some finish: the estimated start's basis.</summary>
    [ConfigurationKeyName("WORKER_TYPICAL_RUN_MS"), Range(1, int.MaxValue, ErrorMessage = "WORKER_TYPICAL_RUN_MS must be positive.")]
    public int TypicalRunMs { get; set; } = 60_000;

    public TimeSpan Ageing => TimeSpan.FromMilliseconds(AgeingMs);

    public TimeSpan ReconcileInterval => TimeSpan.FromMilliseconds(ReconcileMs);

    public TimeSpan TypicalRun => TimeSpan.FromMilliseconds(TypicalRunMs);
}
