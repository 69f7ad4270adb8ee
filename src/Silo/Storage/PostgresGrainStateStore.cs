using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Npgsql;

namespace Framecast.Silo.Storage;

/// <summary>Document grain state in grain_state, written conditionally on its version.</summary>
public sealed class PostgresGrainStateStore(NpgsqlDataSource dataSource, SiloIdentity silo) : IGrainStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredState<T>> ReadAsync<T>(GrainId grainId, CancellationToken cancellationToken = default) where T : class, new()
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string State, long Version)?>(
            "SELECT state::text, version FROM grain_state WHERE grain_type = @Type AND grain_key = @Key",
            new { grainId.Type, grainId.Key });
        return row is { } found
            ? new StoredState<T>(JsonSerializer.Deserialize<T>(found.State, Json) ?? new T(), found.Version)
            : new StoredState<T>(new T(), 0);
    }

    public async Task<long> WriteAsync<T>(GrainId grainId, T state, long expectedVersion, CancellationToken cancellationToken = default) where T : class
    {
        var json = JsonSerializer.Serialize(state, Json);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = expectedVersion == 0
            ? await connection.ExecuteAsync("""
                INSERT INTO grain_state (grain_type, grain_key, version, state) VALUES (@Type, @Key, 1, @json::jsonb)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                """, new { grainId.Type, grainId.Key, json }, transaction)
            : await connection.ExecuteAsync("""
                UPDATE grain_state SET state = @json::jsonb, version = version + 1, updated_at = now()
                WHERE grain_type = @Type AND grain_key = @Key AND version = @expectedVersion
                """, new { grainId.Type, grainId.Key, json, expectedVersion }, transaction);
        if (written == 0)
        {
            throw new GrainStateConflictException(grainId, expectedVersion);
        }
        await GrainStateNotices.PublishAsync(connection, transaction, silo.Id, grainId);
        await transaction.CommitAsync(cancellationToken);
        return expectedVersion + 1;
    }

    public async Task ClearAsync(GrainId grainId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM grain_state WHERE grain_type = @Type AND grain_key = @Key AND version = @expectedVersion",
            new { grainId.Type, grainId.Key, expectedVersion }, transaction);
        if (deleted == 0 && expectedVersion != 0)
        {
            throw new GrainStateConflictException(grainId, expectedVersion);
        }
        await GrainStateNotices.PublishAsync(connection, transaction, silo.Id, grainId);
        await transaction.CommitAsync(cancellationToken);
    }
}
