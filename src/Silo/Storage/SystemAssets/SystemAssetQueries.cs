using Dapper;
using Framecast.Grains.SystemAssets;
using Framecast.Silo.Storage.Jobs;
using Npgsql;

namespace Framecast.Silo.Storage.SystemAssets;

/// <summary>Reads the system asset catalog, the one source of <see cref="SystemAssetCatalog"/>. Nothing writes it but migrations.</summary>
public sealed class SystemAssetQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<SystemAsset>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // trim_scale: responses say 0.5, not numeric(10,3)'s 0.500.
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, category::text AS Category, name AS Name, coalesce(description, '') AS Description,
                   trim_scale(duration_seconds) AS DurationSeconds, tags AS Tags, s3_key AS S3Key, content_type AS ContentType,
                   size_bytes AS SizeBytes, created_at AS CreatedAt, deprecated_at AS DeprecatedAt
            FROM system_assets
            ORDER BY category, name
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new SystemAsset(
            r.Id, r.Category, r.Name, r.Description, r.DurationSeconds, r.Tags, r.S3Key, r.ContentType, r.SizeBytes,
            JobRow.Utc(r.CreatedAt), JobRow.Utc(r.DeprecatedAt)))];
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Category { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public decimal? DurationSeconds { get; set; }
        public string[] Tags { get; set; } = [];
        public string S3Key { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long SizeBytes { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? DeprecatedAt { get; set; }
    }
}
