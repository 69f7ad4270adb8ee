using System.Text.Json;
using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>Row shapes Dapper fills (timestamps as UTC DateTime), each with its SELECT list and its record.</summary>
internal static class Rows
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    public static T Enum<T>(string value) where T : struct, System.Enum => System.Enum.Parse<T>(value, ignoreCase: true);

    public static string Name<T>(T value) where T : struct, System.Enum => value.ToString().ToLowerInvariant();
}

internal sealed class UserRow
{
    public const string Columns = """
        u.id AS Id, u.email AS Email, u.name AS Name, u.avatar_url AS AvatarUrl, u.tier::text AS Tier, u.credits AS Credits,
        u.ephemeral_storage_bytes AS EphemeralStorageBytes, u.upgraded_at AS UpgradedAt, u.created_at AS CreatedAt,
        u.updated_at AS UpdatedAt, u.version AS Version
        """;

    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public string? AvatarUrl { get; set; }
    public string Tier { get; set; } = "";
    public int Credits { get; set; }
    public long EphemeralStorageBytes { get; set; }
    public DateTime? UpgradedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public UserProfile ToRecord() => new(Id, Email, Name, AvatarUrl, Rows.Enum<UserTier>(Tier), Credits, EphemeralStorageBytes,
        Rows.Utc(UpgradedAt), Rows.Utc(CreatedAt), Rows.Utc(UpdatedAt));
}

internal class TeamRow
{
    public const string Columns = """
        id AS Id, name AS Name, slug AS Slug, credits AS Credits, ephemeral_storage_bytes AS EphemeralStorageBytes,
        settings::text AS SettingsJson, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    public const string ColumnsT = """
        t.id AS Id, t.name AS Name, t.slug AS Slug, t.credits AS Credits, t.ephemeral_storage_bytes AS EphemeralStorageBytes,
        t.settings::text AS SettingsJson, t.created_at AS CreatedAt, t.updated_at AS UpdatedAt, t.version AS Version
        """;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public int Credits { get; set; }
    public long EphemeralStorageBytes { get; set; }
    public string SettingsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public TeamRecord ToRecord() => new(Id, Name, Slug, Credits, EphemeralStorageBytes, SettingsJson, Rows.Utc(CreatedAt), Rows.Utc(UpdatedAt));
}

internal sealed class MembershipRow
{
    public const string Columns = "id AS Id, team_id AS TeamId, user_id AS UserId, role::text AS Role, created_at AS CreatedAt";

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public MembershipRecord ToRecord() => new(Id, TeamId, UserId, Rows.Enum<TeamRole>(Role), Rows.Utc(CreatedAt));
}

internal sealed class InvitationRow
{
    public const string Columns = """
        id AS Id, team_id AS TeamId, invited_by AS InvitedBy, email AS Email, role::text AS Role, token AS Token,
        expires_at AS ExpiresAt, accepted_at AS AcceptedAt, declined_at AS DeclinedAt, revoked_at AS RevokedAt, created_at AS CreatedAt
        """;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid? InvitedBy { get; set; }
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
    public string Token { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? DeclinedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public InvitationRecord ToRecord() => new(Id, TeamId, InvitedBy, Email, Rows.Enum<TeamRole>(Role), Token, Rows.Utc(ExpiresAt),
        Rows.Utc(AcceptedAt), Rows.Utc(DeclinedAt), Rows.Utc(RevokedAt), Rows.Utc(CreatedAt));
}

internal sealed class ApiKeyRow
{
    public const string Columns = """
        id AS Id, user_id AS UserId, owner AS Owner, name AS Name, key_prefix AS KeyPrefix, scopes::text AS ScopesJson,
        last_used_at AS LastUsedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt, created_at AS CreatedAt
        """;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";
    public string KeyPrefix { get; set; } = "";
    public string ScopesJson { get; set; } = "[]";
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public ApiKeyRecord ToRecord() => new(Id, UserId, Owner, Name, KeyPrefix, JsonSerializer.Deserialize<string[]>(ScopesJson) ?? [],
        Rows.Utc(LastUsedAt), Rows.Utc(ExpiresAt), Rows.Utc(RevokedAt), Rows.Utc(CreatedAt));
}
