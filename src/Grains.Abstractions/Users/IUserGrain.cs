using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Grains.Abstractions.Users;

/// <summary>
/// One user (keyed by the user id = the identity provider's id): profile, tier, personal credits, team
/// creation (the owned-teams and membership limits are serialized here) and the user's API keys.
/// </summary>
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>The user as stored now, or null when no row exists.</summary>
    Task<UserProfile?> GetAsync();

    /// <summary>Creates the user as a starter (T1) when absent; returns the existing user otherwise.
    /// 409 EMAIL_TAKEN when another user has the email.</summary>
    Task<UserProfile> ProvisionAsync(string email);

    Task<UserProfile> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>T2: starter → creator with the bootstrap bundle; a creator gets its current state back.</summary>
    Task<UpgradeResult> UpgradeAsync();

    /// <summary>delete_user (spec 04 §1.5). 409 LAST_OWNER when the user is the only owner of a team with other members.</summary>
    Task DeleteAsync();

    Task<IReadOnlyList<UserTeam>> ListTeamsAsync();

    Task<CreateTeamResult> CreateTeamAsync(string name, string? slug);

    /// <summary>Adds (or, negative, removes) personal credits; never below zero (402 INSUFFICIENT_CREDITS). Recorded in the ledger.</summary>
    Task<CreditChange> AdjustCreditsAsync(int delta, string reason, Guid? jobId);

    Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey key);

    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync();

    Task<ApiKeyRecord> GetApiKeyAsync(Guid keyId);

    Task<ApiKeyRecord> RenameApiKeyAsync(Guid keyId, string name);

    Task RevokeApiKeyAsync(Guid keyId);
}

/// <summary>A PATCH of the profile: a field that is not <c>Set</c> stays unchanged; set to null clears it.</summary>
public sealed record ProfileUpdate(bool NameSet, string? Name, bool AvatarUrlSet, string? AvatarUrl);

public sealed record UpgradeResult(UserProfile User, TeamRecord Team, MembershipRecord Membership);

public sealed record CreateTeamResult(TeamRecord Team, MembershipRecord Membership);

/// <summary>What the API has validated for a new key: the owner URN string, known scopes, a future expiry.
/// The grain generates the raw key and stores only its hash.</summary>
public sealed record NewApiKey(string Name, string Owner, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);

public sealed record CreatedApiKey(ApiKeyRecord ApiKey, string RawKey);
