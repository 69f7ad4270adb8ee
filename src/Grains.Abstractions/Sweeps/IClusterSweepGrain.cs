namespace Framecast.Grains.Abstractions.Sweeps;

/// <summary>A safety net with one activation per cluster, ticking on a reminder that every silo makes sure of at start.</summary>
public interface IClusterSweepGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Registers the sweep's reminder (idempotent); every silo calls it when it starts.</summary>
    Task EnsureScheduledAsync();

    /// <summary>One pass now; returns how many things it moved.</summary>
    Task<int> SweepAsync();
}
