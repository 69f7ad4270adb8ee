using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Runtime;
using Npgsql;

namespace Framecast.Silo.Storage;

/// <summary>
/// Tells every activation whose rows a transaction changed. Other silos hear the NOTIFY sent inside
/// the transaction; this silo ignores its own notices, so after the commit it marks the touched grains
/// other than the writer stale itself. Grains can then serve reads from memory.
/// </summary>
public sealed class GrainStateChanges(SiloIdentity silo, GrainRuntime runtime)
{
    public async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<GrainId> touched)
    {
        foreach (var grain in touched.Distinct())
        {
            await GrainStateNotices.PublishAsync(connection, transaction, silo.Id, grain);
        }
    }

    /// <summary>After the commit: the writer's own state is current; the others reload before their next call.</summary>
    public void Committed(IEnumerable<GrainId> touched, GrainId writer)
    {
        foreach (var grain in touched)
        {
            if (grain != writer)
            {
                runtime.MarkStale(grain);
            }
        }
    }
}
