using Dapper;
using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>A presented API key as authentication needs it, with its holder. Read on every request (no cache),
/// so a revoked or expired key is refused at once on every silo.</summary>
public sealed record ApiKeyCredential(Guid KeyId, Guid UserId, string Owner, IReadOnlyList<string> Scopes, bool IsValid, string Email, UserTier Tier);

public sealed record PasswordIdentity(Guid UserId, string Email, string PasswordHash);

/// <summary>The authentication side of the account tables: the embedded identity provider's credentials, failed
/// sign-ins, API key lookup by hash, and the invitation directory (invitation id or token → team).</summary>
public sealed class AuthStore(AccountsDb db)
{
    private sealed class KeyRow
    {
        public Guid KeyId { get; set; }
        public Guid UserId { get; set; }
        public string Owner { get; set; } = "";
        public string ScopesJson { get; set; } = "[]";
        public bool IsValid { get; set; }
        public string Email { get; set; } = "";
        public string Tier { get; set; } = "";
    }

    public Task<ApiKeyCredential?> FindApiKeyAsync(string keyHash) => db.QueryAsync(async connection =>
    {
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>("""
            SELECT k.id AS KeyId, k.user_id AS UserId, k.owner AS Owner, k.scopes::text AS ScopesJson,
                   (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())) AS IsValid,
                   u.email AS Email, u.tier::text AS Tier
            FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = @keyHash
            """, new { keyHash });
        if (row is null)
        {
            return null;
        }
        if (row.IsValid)
        {
            // last_used_at at minute precision: not one write per request.
            await connection.ExecuteAsync(
                "UPDATE api_keys SET last_used_at = now() WHERE id = @KeyId AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
                new { row.KeyId });
        }
        return new ApiKeyCredential(row.KeyId, row.UserId, row.Owner, System.Text.Json.JsonSerializer.Deserialize<string[]>(row.ScopesJson) ?? [],
            row.IsValid, row.Email, Rows.Enum<UserTier>(row.Tier));
    });

    public Task<PasswordIdentity?> FindIdentityAsync(string email) => db.QueryAsync(connection =>
        connection.QuerySingleOrDefaultAsync<PasswordIdentity>(
            "SELECT user_id AS UserId, email AS Email, password_hash AS PasswordHash FROM auth_identities WHERE email = @email", new { email }));

    public Task<bool> IsEmailRegisteredAsync(string email) => db.QueryAsync(connection =>
        connection.QuerySingleAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM users WHERE email = @email) OR EXISTS (SELECT 1 FROM auth_identities WHERE email = @email)", new { email }));

    /// <summary>Stores the credential; 409 EMAIL_TAKEN when the email already has one.</summary>
    public Task CreateIdentityAsync(Guid userId, string email, string passwordHash) =>
        db.WriteAsync(AccountGrain.User(userId), 0, tx =>
            tx.ExecuteAsync("INSERT INTO auth_identities (user_id, email, password_hash) VALUES (@userId, @email, @passwordHash)",
                new { userId, email, passwordHash }));

    public Task DeleteIdentityAsync(Guid userId) => db.QueryAsync(connection =>
        connection.ExecuteAsync("DELETE FROM auth_identities WHERE user_id = @userId", new { userId }));

    public Task UpdatePasswordHashAsync(Guid userId, string passwordHash) => db.QueryAsync(connection =>
        connection.ExecuteAsync("UPDATE auth_identities SET password_hash = @passwordHash WHERE user_id = @userId", new { userId, passwordHash }));

    private sealed class FailureRow
    {
        public int ForAccount { get; set; }
        public int ForAddress { get; set; }
        public DateTime? OldestAccount { get; set; }
        public DateTime? OldestAddress { get; set; }
    }

    /// <summary>Failed sign-ins within the window, per account and per address, and when the oldest of each leaves it.</summary>
    public Task<(int ForAccount, int ForAddress, DateTimeOffset? AccountFreesAt, DateTimeOffset? AddressFreesAt)> CountFailuresAsync(string email, string address, TimeSpan window) =>
        db.QueryAsync(async connection =>
        {
            var row = await connection.QuerySingleAsync<FailureRow>("""
                SELECT (count(*) FILTER (WHERE email = @email))::int AS ForAccount,
                       (count(*) FILTER (WHERE address = @address))::int AS ForAddress,
                       min(created_at) FILTER (WHERE email = @email) AS OldestAccount,
                       min(created_at) FILTER (WHERE address = @address) AS OldestAddress
                FROM auth_login_failures
                WHERE created_at > now() - @window AND (email = @email OR address = @address)
                """, new { email, address, window });
            return (row.ForAccount, row.ForAddress, Rows.Utc(row.OldestAccount) + window, Rows.Utc(row.OldestAddress) + window);
        });

    public Task RecordFailureAsync(string email, string address) => db.QueryAsync(connection =>
        connection.ExecuteAsync("""
            INSERT INTO auth_login_failures (email, address) VALUES (@email, @address);
            DELETE FROM auth_login_failures WHERE created_at < now() - interval '1 day';
            """, new { email, address }));

    public Task<Guid?> FindInvitationTeamAsync(Guid invitationId) => db.QueryAsync(connection =>
        connection.QuerySingleOrDefaultAsync<Guid?>("SELECT team_id FROM invitations WHERE id = @invitationId", new { invitationId }));

    private sealed class InvitationRef
    {
        public Guid Id { get; set; }
        public Guid TeamId { get; set; }
    }

    public async Task<(Guid InvitationId, Guid TeamId)?> FindInvitationByTokenAsync(string token)
    {
        var row = await db.QueryAsync(connection => connection.QuerySingleOrDefaultAsync<InvitationRef>(
            "SELECT id AS Id, team_id AS TeamId FROM invitations WHERE token = @token", new { token }));
        return row is null ? null : (row.Id, row.TeamId);
    }

    public Task<Guid?> FindUserIdByEmailAsync(string email) => db.QueryAsync(connection =>
        connection.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM users WHERE email = @email", new { email }));
}
