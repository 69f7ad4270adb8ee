using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Abstractions.Users;

/// <summary>
/// One user (keyed by the user id = the identity provider's id): profile, tier, team
/// creation (the owned-teams and membership limits are serialized here) and the user's API keys.
/// </summary>
[Alias("framecast.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Another grain committed a change to this user's rows (a membership, a team): reload before the next call.
    /// Interleaves, so a grain that is itself waiting on the caller cannot deadlock with it.</summary>
    [AlwaysInterleave]
    Task RefreshAsync();

    /// <summary>The user as stored now, or null when no row exists.</summary>
    Task<UserProfile?> GetAsync();

    /// <summary>Identity and tier for authentication, from memory: unlike <see cref="GetAsync"/> it does not wait on
    /// the credit pool for the balance, so a request never queues behind its owner's admissions to authenticate.</summary>
    Task<UserIdentity?> GetIdentityAsync();

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

    Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey key);

    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync();

    Task<ApiKeyRecord> GetApiKeyAsync(Guid keyId);

    Task<ApiKeyRecord> RenameApiKeyAsync(Guid keyId, string name);

    Task RevokeApiKeyAsync(Guid keyId);
}

/// <summary>A PATCH of the profile: a field that is not <c>Set</c> stays unchanged; set to null clears it.</summary>
[GenerateSerializer, Immutable, Alias("framecast.ProfileUpdate")]
public sealed record ProfileUpdate([property: Id(0)] bool NameSet, [property: Id(1)] string? Name, [property: Id(2)] bool AvatarUrlSet, [property: Id(3)] string? AvatarUrl);

[GenerateSerializer, Immutable, Alias("framecast.UpgradeResult")]
public sealed record UpgradeResult([property: Id(0)] UserProfile User, [property: Id(1)] TeamRecord Team, [property: Id(2)] MembershipRecord Membership);

[GenerateSerializer, Immutable, Alias("framecast.CreateTeamResult")]
public sealed record CreateTeamResult([property: Id(0)] TeamRecord Team, [property: Id(1)] MembershipRecord Membership);

/// <summary>What the API has validated for a new key: the owner URN string, known scopes, a future expiry.
/// The grain generates the raw key and stores only its hash.</summary>
[GenerateSerializer, Immutable, Alias("framecast.NewApiKey")]
public sealed record NewApiKey([property: Id(0)] string Name, [property: Id(1)] string Owner, [property: Id(2)] IReadOnlyList<string> Scopes, [property: Id(3)] DateTimeOffset? ExpiresAt);

[GenerateSerializer, Immutable, Alias("framecast.CreatedApiKey")]
public sealed record CreatedApiKey([property: Id(0)] ApiKeyRecord ApiKey, [property: Id(1)] string RawKey);
