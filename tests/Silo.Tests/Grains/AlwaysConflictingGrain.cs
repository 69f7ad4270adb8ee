using Dapper;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Tests.Infrastructure;
using Npgsql;

namespace Framecast.Silo.Tests.Grains;

public interface IAlwaysConflictingGrain : IGrainWithGuidKey
{
    Task Write();
}

/// <summary>Moves its own row's version behind its back before every write, so every write conflicts.</summary>
public sealed class AlwaysConflictingGrain(IGrainStateStore store, NpgsqlDataSource dataSource, Probe probe)
    : StatefulGrain<CounterState>(store), IAlwaysConflictingGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        probe.Bump($"activate:{GetPrimaryKeyString()}");
    }

    public async Task Write()
    {
        probe.Bump($"attempt:{GetPrimaryKeyString()}");
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO grain_state (grain_type, grain_key, version, state) VALUES (@Type, @Key, 1, '{}')
                ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = grain_state.version + 1
                """, new { GrainId.Type, GrainId.Key });
        }
        State.Count++;
        await WriteStateAsync();
    }
}
