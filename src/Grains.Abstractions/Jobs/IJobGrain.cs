using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>Drives one job on the worker backend while this silo holds the job's lease.</summary>
public interface IJobGrain : IGrainWithGuidKey
{
    /// <summary>Called by the dispatcher after it claimed the lease: submit (or resume) and follow the worker.</summary>
    Task DriveAsync();

    /// <summary>The worker called back (a hint, never the truth): read its status now.</summary>
    Task PokeAsync();

    /// <summary>Deletes a terminal ephemeral job, its events and its stored outputs.</summary>
    Task DeleteAsync();
}
