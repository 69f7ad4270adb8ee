using System.Data.Common;
using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Assets;
using Npgsql;

namespace Framecast.Silo.Storage.Assets;

/// <summary>
/// A storage pool's writes, each one transaction: the pool's users or teams row is locked first (FOR UPDATE), so
/// the quota arithmetic of two writers of the same pool can never interleave, then asset_files and
/// ephemeral_storage_bytes change together.
/// </summary>
public sealed class PostgresAssetStore(NpgsqlDataSource dataSource) : IAssetStore
{
    public async Task<AssetRecord?> FindAsync(Guid assetId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>($"SELECT {AssetRow.Columns} FROM asset_files WHERE id = @assetId", new { assetId });
        return row?.ToRecord();
    }

    public async Task<AssetRecord> CreateAsync(CreditPool pool, NewUpload upload, TimeSpan pendingWindow, Func<PoolUsage, DomainException?> refusal)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (stored, tier) = await LockPoolAsync(connection, transaction, pool);
        var pending = await connection.ExecuteScalarAsync<long>($"""
            SELECT coalesce(sum(size_bytes), 0)::bigint FROM asset_files
            WHERE {PoolOwners(pool)} AND status = 'pending' AND created_at > now() - @pendingWindow
            """, new { teamUrn = TeamUrn(pool), membershipPrefix = MembershipPrefix(pool), personalUrn = PersonalUrn(pool), pendingWindow }, transaction);
        if (refusal(new PoolUsage(stored, pending, tier)) is { } refused)
        {
            throw refused;
        }
        var row = await connection.QuerySingleAsync<AssetRow>($"""
            INSERT INTO asset_files (id, owner, uploaded_by, project_id, filename, s3_key, content_type, size_bytes)
            VALUES (@AssetId, @Owner, @UploadedBy, @ProjectId, @Filename, @S3Key, @ContentType, @SizeBytes)
            RETURNING {AssetRow.Columns}
            """, upload, transaction);
        await transaction.CommitAsync();
        return row.ToRecord();
    }

    public async Task<AssetRecord?> MarkReadyAsync(CreditPool pool, Guid assetId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LockPoolAsync(connection, transaction, pool);
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>(
            $"UPDATE asset_files SET status = 'ready' WHERE id = @assetId AND status = 'pending' RETURNING {AssetRow.Columns}",
            new { assetId }, transaction);
        if (row is null)
        {
            return null;
        }
        await connection.ExecuteAsync($"UPDATE {Table(pool)} SET ephemeral_storage_bytes = ephemeral_storage_bytes + @SizeBytes WHERE id = @Id",
            new { row.SizeBytes, pool.Id }, transaction);
        await transaction.CommitAsync();
        return row.ToRecord();
    }

    public async Task<AssetRecord?> MarkFailedAsync(Guid assetId, string reason)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>($"""
            UPDATE asset_files SET status = 'failed', metadata = metadata || jsonb_build_object('verification_failure', @reason::text)
            WHERE id = @assetId AND status = 'pending' RETURNING {AssetRow.Columns}
            """, new { assetId, reason });
        return row?.ToRecord();
    }

    public async Task<AssetRecord?> DeleteAsync(CreditPool pool, Guid assetId) =>
        (await DeleteWhereAsync(pool, "id = @assetId", new { assetId })).SingleOrDefault();

    public Task<IReadOnlyList<AssetRecord>> DeleteProjectAssetsAsync(CreditPool pool, Guid projectId) =>
        DeleteWhereAsync(pool, "project_id = @projectId", new { projectId });

    private async Task<IReadOnlyList<AssetRecord>> DeleteWhereAsync(CreditPool pool, string condition, object args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LockPoolAsync(connection, transaction, pool);
        var parameters = new DynamicParameters(args);
        parameters.Add("teamUrn", TeamUrn(pool));
        parameters.Add("membershipPrefix", MembershipPrefix(pool));
        parameters.Add("personalUrn", PersonalUrn(pool));
        var rows = (await connection.QueryAsync<AssetRow>(
            $"DELETE FROM asset_files WHERE {condition} AND {PoolOwners(pool)} RETURNING {AssetRow.Columns}", parameters, transaction)).ToList();
        var readyBytes = rows.Where(r => r.Status == "ready").Sum(r => r.SizeBytes);
        if (readyBytes > 0)
        {
            await connection.ExecuteAsync(
                $"UPDATE {Table(pool)} SET ephemeral_storage_bytes = greatest(ephemeral_storage_bytes - @readyBytes, 0) WHERE id = @Id",
                new { readyBytes, pool.Id }, transaction);
        }
        await transaction.CommitAsync();
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Locks the pool's row for the transaction and reads its counter and (for a user) its tier; 404 when gone.</summary>
    private static async Task<(long Stored, UserTier? Tier)> LockPoolAsync(NpgsqlConnection connection, DbTransaction transaction, CreditPool pool)
    {
        if (pool.Kind == CreditPoolKind.User)
        {
            var user = await connection.QuerySingleOrDefaultAsync<(long Stored, string Tier)?>(
                "SELECT ephemeral_storage_bytes, tier::text FROM users WHERE id = @Id FOR UPDATE", new { pool.Id }, transaction);
            return user is { } u
                ? (u.Stored, u.Tier == "creator" ? UserTier.Creator : UserTier.Starter)
                : throw new DomainException(ErrorCodes.UserNotFound, "The user that owns this storage does not exist.");
        }
        var team = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT ephemeral_storage_bytes FROM teams WHERE id = @Id FOR UPDATE", new { pool.Id }, transaction);
        return team is { } stored ? (stored, null) : throw new DomainException(ErrorCodes.TeamNotFound, "The team that owns this storage does not exist.");
    }

    // A user's pool holds its personal URN; a team's holds the team URN and every membership URN of the team.
    private static string PoolOwners(CreditPool pool) => pool.Kind == CreditPoolKind.User
        ? "owner = @personalUrn"
        : "(owner = @teamUrn OR owner LIKE @membershipPrefix)";

    private static string PersonalUrn(CreditPool pool) => OwnerUrn.ForUser(pool.Id).ToString();

    private static string TeamUrn(CreditPool pool) => OwnerUrn.ForTeam(pool.Id).ToString();

    private static string MembershipPrefix(CreditPool pool) => $"framecast:{pool.Id:D}:%";

    private static string Table(CreditPool pool) => pool.Kind == CreditPoolKind.User ? "users" : "teams";
}
