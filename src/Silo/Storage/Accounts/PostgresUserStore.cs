using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Users;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>The user grain's rows: <c>users</c> (root, versioned), its memberships' counts, its API keys.</summary>
public sealed class PostgresUserStore(AccountsDb db) : IUserStore
{
    private sealed class SnapshotRow
    {
        public int MembershipCount { get; set; }
        public int OwnedTeamCount { get; set; }
    }

    public Task<UserSnapshot?> LoadAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserRow.Columns} FROM users u WHERE u.id = @userId", new { userId });
        if (user is null)
        {
            return null;
        }
        var counts = await connection.QuerySingleAsync<SnapshotRow>("""
            SELECT count(*)::int AS MembershipCount, (count(*) FILTER (WHERE role = 'owner'))::int AS OwnedTeamCount
            FROM memberships WHERE user_id = @userId
            """, new { userId });
        return new UserSnapshot(user.ToRecord(), user.Version, counts.MembershipCount, counts.OwnedTeamCount);
    });

    public Task InsertAsync(Guid userId, string email) => db.WriteAsync(AccountGrain.User(userId), 0, async tx =>
    {
        var inserted = await tx.ExecuteAsync("""
            INSERT INTO users (id, email) SELECT @userId, @email
            WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = @userId)
            ON CONFLICT (id) DO NOTHING
            """, new { userId, email });
        if (inserted == 0 && await tx.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = @userId)", new { userId }))
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "This account has been deleted.");
        }
    });

    public Task UpdateProfileAsync(Guid userId, long expectedVersion, string? name, string? avatarUrl) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            await tx.ExecuteAsync("UPDATE users SET name = @name, avatar_url = @avatarUrl WHERE id = @userId", new { userId, name, avatarUrl });
        });

    public Task<(TeamRecord Team, MembershipRecord Membership)> UpgradeAsync(Guid userId, long expectedVersion, NewTeam team) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            return await tx.UpgradeToCreatorAsync(userId, team);
        });

    public Task<(TeamRecord Team, MembershipRecord Membership)?> FindFirstOwnedTeamAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var membership = await connection.QueryFirstOrDefaultAsync<MembershipRow>($"""
            SELECT {MembershipRow.Columns} FROM memberships WHERE user_id = @userId AND role = 'owner' ORDER BY created_at, id LIMIT 1
            """, new { userId });
        if (membership is null)
        {
            return ((TeamRecord, MembershipRecord)?)null;
        }
        var team = await connection.QuerySingleAsync<TeamRow>($"SELECT {TeamRow.Columns} FROM teams WHERE id = @TeamId", new { membership.TeamId });
        return (team.ToRecord(), membership.ToRecord());
    });

    private sealed class FactsRow
    {
        public Guid TeamId { get; set; }
        public string Role { get; set; } = "";
        public int MemberCount { get; set; }
        public int OwnerCount { get; set; }
    }

    public Task<IReadOnlyList<UserTeamFacts>> ListTeamFactsAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var rows = await connection.QueryAsync<FactsRow>("""
            SELECT m.team_id AS TeamId, m.role::text AS Role,
                   (SELECT count(*) FROM memberships x WHERE x.team_id = m.team_id)::int AS MemberCount,
                   (SELECT count(*) FROM memberships x WHERE x.team_id = m.team_id AND x.role = 'owner')::int AS OwnerCount
            FROM memberships m WHERE m.user_id = @userId
            """, new { userId });
        return (IReadOnlyList<UserTeamFacts>)rows.Select(r => new UserTeamFacts(r.TeamId, Rows.Enum<TeamRole>(r.Role), r.MemberCount, r.OwnerCount)).ToList();
    });

    public Task<bool> HasActiveJobsAsync(IReadOnlyCollection<Guid> teamIds) =>
        db.QueryAsync(connection => AccountsDb.HasActiveJobsAsync(connection, teamIds));

    public Task DeleteAsync(Guid userId, long expectedVersion, IReadOnlyCollection<Guid> soleMemberTeams) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            var teamIds = soleMemberTeams.ToArray();
            // Teams of which the user is the only member go as teams (the last-member trigger refuses the
            // membership delete otherwise), each only if it still has just this one member.
            var deleted = await tx.QueryAsync<Guid>("""
                DELETE FROM teams t WHERE t.id = ANY (@teamIds)
                  AND (SELECT count(*) FROM memberships m WHERE m.team_id = t.id) = 1
                RETURNING t.id
                """, new { teamIds });
            // The other teams lose a member when the memberships cascade: their grains are told after the commit.
            var others = await tx.QueryAsync<Guid>("SELECT team_id FROM memberships WHERE user_id = @userId", new { userId });
            foreach (var teamId in deleted.Concat(others))
            {
                tx.Touch(AccountGrain.Team(teamId));
            }
            await tx.ExecuteAsync("DELETE FROM users WHERE id = @userId", new { userId });
            await tx.ExecuteAsync("DELETE FROM auth_identities WHERE user_id = @userId", new { userId });
            await tx.ExecuteAsync("INSERT INTO deleted_accounts (user_id) VALUES (@userId) ON CONFLICT DO NOTHING", new { userId });
        });

    /// <summary>A team row with the user's membership in it.</summary>
    private sealed class UserTeamRow : TeamRow
    {
        public string Role { get; set; } = "";
        public DateTime JoinedAt { get; set; }
    }

    public Task<IReadOnlyList<UserTeam>> ListTeamsAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var rows = await connection.QueryAsync<UserTeamRow>($"""
            SELECT {TeamRow.ColumnsT}, m.role::text AS Role, m.created_at AS JoinedAt
            FROM memberships m JOIN teams t ON t.id = m.team_id
            WHERE m.user_id = @userId ORDER BY t.name, t.id
            """, new { userId });
        return (IReadOnlyList<UserTeam>)rows.Select(r => new UserTeam(
            r.ToRecord(),
            Rows.Enum<TeamRole>(r.Role), Rows.Utc(r.JoinedAt))).ToList();
    });

    public Task<(TeamRecord Team, MembershipRecord Membership)> CreateTeamAsync(Guid userId, long expectedVersion, NewTeam team) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            return await tx.InsertTeamWithOwnerAsync(team, userId);
        });

    public Task<ApiKeyRecord> InsertApiKeyAsync(Guid userId, long expectedVersion, ApiKeyRecord key, string keyHash) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            var row = await tx.SingleAsync<ApiKeyRow>($"""
                INSERT INTO api_keys (id, user_id, owner, name, key_prefix, key_hash, scopes, expires_at)
                VALUES (@Id, @UserId, @Owner, @Name, @KeyPrefix, @keyHash, @scopes::jsonb, @expiresAt)
                RETURNING {ApiKeyRow.Columns}
                """, new
            {
                key.Id,
                key.UserId,
                key.Owner,
                key.Name,
                key.KeyPrefix,
                keyHash,
                scopes = System.Text.Json.JsonSerializer.Serialize(key.Scopes),
                expiresAt = key.ExpiresAt?.UtcDateTime,
            });
            return row.ToRecord();
        });

    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var rows = await connection.QueryAsync<ApiKeyRow>(
            $"SELECT {ApiKeyRow.Columns} FROM api_keys WHERE user_id = @userId ORDER BY created_at DESC, id DESC", new { userId });
        return (IReadOnlyList<ApiKeyRecord>)rows.Select(r => r.ToRecord()).ToList();
    });

    public Task RenameApiKeyAsync(Guid userId, long expectedVersion, Guid keyId, string name) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            await tx.ExecuteAsync("UPDATE api_keys SET name = @name WHERE id = @keyId AND user_id = @userId", new { keyId, userId, name });
        });

    public Task RevokeApiKeyAsync(Guid userId, long expectedVersion, Guid keyId) =>
        db.WriteAsync(AccountGrain.User(userId), expectedVersion, async tx =>
        {
            await tx.BumpUserAsync(userId, expectedVersion);
            await tx.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE id = @keyId AND user_id = @userId AND revoked_at IS NULL", new { keyId, userId });
        });
}
