using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Users;

/// <summary>The user grain's state as read in one go: the row, its version, and the membership counts the
/// team limits are checked against.</summary>
public sealed record UserSnapshot(UserProfile User, long Version, int MembershipCount, int OwnedTeamCount);

/// <summary>A team to insert (creator bootstrap or create_team).</summary>
public sealed record NewTeam(Guid Id, string Name, string Slug);

/// <summary>What delete_user needs to know about each of the user's teams.</summary>
public sealed record UserTeamFacts(Guid TeamId, TeamRole Role, int MemberCount, int OwnerCount);

/// <summary>
/// Storage of the user grain. Every write runs one transaction whose first statement is the version-checked
/// update of the <c>users</c> row (0 rows → <see cref="Persistence.StaleStateException"/>); after the commit,
/// the grains of the teams whose rows it changed are told.
/// </summary>
public interface IUserStore
{
    Task<UserSnapshot?> LoadAsync(Guid userId);

    /// <summary>T1. Throws 409 EMAIL_TAKEN when another user holds the email.</summary>
    Task InsertAsync(Guid userId, string email);

    Task UpdateProfileAsync(Guid userId, long expectedVersion, string? name, string? avatarUrl);

    /// <summary>T2 in one transaction: tier and upgraded_at, then the bootstrap team, owner membership and welcome project.</summary>
    Task<(TeamRecord Team, MembershipRecord Membership)> UpgradeAsync(Guid userId, long expectedVersion, NewTeam team);

    /// <summary>The earliest-created team the user owns, for the idempotent upgrade answer.</summary>
    Task<(TeamRecord Team, MembershipRecord Membership)?> FindFirstOwnedTeamAsync(Guid userId);

    Task<IReadOnlyList<UserTeamFacts>> ListTeamFactsAsync(Guid userId);

    Task<bool> HasActiveJobsAsync(IReadOnlyCollection<Guid> teamIds);

    /// <summary>Deletes the listed sole-member teams, then the user (memberships and keys cascade), the
    /// embedded identity, and leaves a tombstone so old tokens cannot re-provision the account.</summary>
    Task DeleteAsync(Guid userId, long expectedVersion, IReadOnlyCollection<Guid> soleMemberTeams);

    Task<IReadOnlyList<UserTeam>> ListTeamsAsync(Guid userId);

    /// <summary>Throws 409 SLUG_TAKEN when the slug is in use.</summary>
    Task<(TeamRecord Team, MembershipRecord Membership)> CreateTeamAsync(Guid userId, long expectedVersion, NewTeam team);

    Task<ApiKeyRecord> InsertApiKeyAsync(Guid userId, long expectedVersion, ApiKeyRecord key, string keyHash);

    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(Guid userId);

    Task RenameApiKeyAsync(Guid userId, long expectedVersion, Guid keyId, string name);

    Task RevokeApiKeyAsync(Guid userId, long expectedVersion, Guid keyId);
}
