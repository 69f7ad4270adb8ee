using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Assets;
using Npgsql;

namespace Framecast.Silo.Storage.Assets;

/// <summary>Reads of uploaded assets for the API. They change nothing the storage pool grains guard.</summary>
public sealed class AssetQueries(NpgsqlDataSource dataSource)
{
    public async Task<AssetRecord?> GetAsync(Guid assetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(
            $"SELECT {AssetRow.Columns} FROM asset_files WHERE id = @assetId", new { assetId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>The assets among <paramref name="ids"/> owned by one of <paramref name="owners"/>: one query per storyboard validation.</summary>
    public async Task<IReadOnlyList<AssetRecord>> FindAsync(IReadOnlyCollection<Guid> ids, IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0 || owners.Count == 0)
        {
            return [];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AssetRow>(new CommandDefinition(
            $"SELECT {AssetRow.Columns} FROM asset_files WHERE id = ANY(@ids) AND owner = ANY(@owners)",
            new { ids = ids.ToArray(), owners = owners.ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Newest first, keyset-paginated on (created_at, id).</summary>
    public async Task<AssetPage> ListAsync(AssetFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.Owners.Count == 0)
        {
            return new AssetPage([], null);
        }
        var sql = new StringBuilder($"SELECT {AssetRow.Columns} FROM asset_files WHERE owner = ANY(@owners)");
        var args = new DynamicParameters();
        args.Add("owners", filter.Owners.ToArray());
        if (filter.ProjectId is { } projectId)
        {
            sql.Append(" AND project_id = @projectId");
            args.Add("projectId", projectId);
        }
        if (filter.ContentTypePrefix is { } prefix)
        {
            // starts_with, not LIKE: a '%' or '_' in the filter is a character, not a wildcard.
            sql.Append(" AND starts_with(content_type, @prefix)");
            args.Add("prefix", prefix);
        }
        if (filter.Status is { } status)
        {
            sql.Append(" AND status = @status::asset_status");
            args.Add("status", status.ToDb());
        }
        var (page, next) = await KeysetCursor.PageAsync<AssetRow>(
            dataSource, sql, args, filter.Cursor, filter.Limit, "created_at", "id", r => (r.CreatedAt, r.Id), cancellationToken);
        return new AssetPage(page.Select(r => r.ToRecord()).ToList(), next);
    }
}

public sealed record AssetFilter(
    IReadOnlyList<string> Owners,
    Guid? ProjectId,
    string? ContentTypePrefix,
    AssetStatus? Status,
    string? Cursor,
    int Limit);

public sealed record AssetPage(IReadOnlyList<AssetRecord> Assets, string? NextCursor);
