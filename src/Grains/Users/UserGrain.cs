using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Users;
using Framecast.Grains.Accounts;

namespace Framecast.Grains.Users;

/// <summary>
/// A user's rules: profile, the tier machine (T1, T2), deletion guards, the owned-teams and membership limits
/// for team creation (INV-T7, INV-T8) and API keys. Orleans keeps one activation, whose state stays in memory;
/// writes are committed conditionally on the row's version, the fence against a rare duplicate activation.
/// The balance belongs to the user's credit pool grain, which this grain asks for it.
/// </summary>
public sealed class UserGrain(IUserStore store, TimeProvider clock) : Grain, IUserGrain
{
    private UserSnapshot? _state;
    private bool _loaded;
    private IReadOnlyList<UserTeam>? _teams;

    private Guid UserId => this.GetPrimaryKey();

    private ICreditPoolGrain Pool => GrainFactory.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.User, UserId).Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await LoadAsync();

    public Task RefreshAsync()
    {
        _loaded = false;
        return Task.CompletedTask;
    }

    public async Task<UserProfile?> GetAsync()
    {
        await EnsureLoadedAsync();
        return _state is null ? null : await WithBalanceAsync(_state.User);
    }

    public async Task<UserIdentity?> GetIdentityAsync()
    {
        await EnsureLoadedAsync();
        return _state?.User is { } user ? new UserIdentity(user.Id, user.Email, user.Tier) : null;
    }

    private async Task<UserProfile> WithBalanceAsync(UserProfile user) => user with { Credits = await Pool.GetBalanceAsync() };

    public async Task<UserProfile> ProvisionAsync(string email)
    {
        await EnsureLoadedAsync();
        if (_state is not null)
        {
            return await WithBalanceAsync(_state.User);
        }
        await store.InsertAsync(UserId, EmailAddress.Normalize(email));
        return (await LoadAsync())!.User;
    }

    public async Task<UserProfile> UpdateProfileAsync(ProfileUpdate update)
    {
        var state = await RequireAsync();
        var name = update.NameSet ? update.Name : state.User.Name;
        var avatar = update.AvatarUrlSet ? update.AvatarUrl : state.User.AvatarUrl;
        await store.UpdateProfileAsync(UserId, state.Version, name, avatar);
        return await WithBalanceAsync((await LoadAsync())!.User);
    }

    public async Task<UpgradeResult> UpgradeAsync()
    {
        var state = await RequireAsync();
        if (state.User.Tier == UserTier.Creator)
        {
            var existing = await store.FindFirstOwnedTeamAsync(UserId)
                ?? throw new DomainException(ErrorCodes.TeamNotFound, "The creator owns no team to return.");
            return new UpgradeResult(await WithBalanceAsync(state.User), existing.Team, existing.Membership);
        }
        var (team, membership) = await store.UpgradeAsync(UserId, state.Version, new NewTeam(Guid.NewGuid(), AccountLimits.MyTeamName, Slugs.Generate(AccountLimits.MyTeamName)));
        // The tier sets the personal concurrency limit (CARD-5), which the pool holds.
        await Pool.RefreshAsync();
        return new UpgradeResult(await WithBalanceAsync((await LoadAsync())!.User), team, membership);
    }

    public async Task DeleteAsync()
    {
        var state = await RequireAsync();
        var teams = await store.ListTeamFactsAsync(UserId);
        var blocking = teams.Where(t => t.Role == TeamRole.Owner && t.MemberCount > 1 && t.OwnerCount == 1).Select(t => t.TeamId).ToList();
        if (blocking.Count > 0)
        {
            throw new DomainException(ErrorCodes.LastOwner,
                "You are the only owner of a team that has other members: promote another owner or remove the members first.",
                new Dictionary<string, object?> { ["team_ids"] = blocking });
        }
        var soleMember = teams.Where(t => t.MemberCount == 1).Select(t => t.TeamId).ToList();
        if (soleMember.Count > 0 && await store.HasActiveJobsAsync(soleMember))
        {
            throw new DomainException(ErrorCodes.ActiveJobsExist, "A team that would be deleted with the account still has queued or processing jobs.");
        }
        await store.DeleteAsync(UserId, state.Version, soleMember);
        _state = null;
    }

    public async Task<IReadOnlyList<UserTeam>> ListTeamsAsync()
    {
        await RequireAsync();
        // The team grains tell this grain when its memberships change, so the list stays true.
        return _teams ??= await store.ListTeamsAsync(UserId);
    }

    public async Task<CreateTeamResult> CreateTeamAsync(string name, string? slug)
    {
        var state = await RequireAsync();
        if (state.User.Tier != UserTier.Creator)
        {
            throw new DomainException(ErrorCodes.CreatorTierRequired, "Only creators can create teams; upgrade first.");
        }
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || name.Length > AccountLimits.TeamNameMaxLength)
        {
            throw AccountErrors.Validation("name", $"'name' must have 1 to {AccountLimits.TeamNameMaxLength} characters and not be blank.");
        }
        if (slug is not null && !Slugs.IsValid(slug))
        {
            throw AccountErrors.Validation("slug", "'slug' must be lowercase letters, digits and single hyphens, start and end with a letter or digit, at most 50 characters.");
        }
        if (state.OwnedTeamCount >= AccountLimits.MaxOwnedTeams)
        {
            throw new DomainException(ErrorCodes.OwnedTeamLimitReached, $"You already own {AccountLimits.MaxOwnedTeams} teams.");
        }
        if (state.MembershipCount >= AccountLimits.MaxMemberships)
        {
            throw new DomainException(ErrorCodes.MembershipLimitReached, $"You already belong to {AccountLimits.MaxMemberships} teams.");
        }
        var (team, membership) = await store.CreateTeamAsync(UserId, state.Version, new NewTeam(Guid.NewGuid(), name, slug ?? Slugs.Generate(name)));
        _loaded = false;
        return new CreateTeamResult(team, membership);
    }

    public async Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey key)
    {
        var state = await RequireAsync();
        if (key.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            throw AccountErrors.Validation("expires_at", "'expires_at' must be in the future.");
        }
        var raw = ApiKeySecrets.Generate();
        var record = new ApiKeyRecord(Guid.NewGuid(), UserId, key.Owner, key.Name, ApiKeySecrets.PrefixOf(raw), key.Scopes, null, key.ExpiresAt, null, clock.GetUtcNow());
        var stored = await store.InsertApiKeyAsync(UserId, state.Version, record, ApiKeySecrets.Hash(raw));
        _loaded = false;
        return new CreatedApiKey(stored, raw);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync()
    {
        await RequireAsync();
        return await store.ListApiKeysAsync(UserId);
    }

    public async Task<ApiKeyRecord> GetApiKeyAsync(Guid keyId)
    {
        await RequireAsync();
        return (await store.ListApiKeysAsync(UserId)).FirstOrDefault(k => k.Id == keyId) ?? throw KeyNotFound(keyId);
    }

    public async Task<ApiKeyRecord> RenameApiKeyAsync(Guid keyId, string name)
    {
        var state = await RequireAsync();
        var key = await GetApiKeyAsync(keyId);
        if (key.RevokedAt is not null)
        {
            throw new DomainException(ErrorCodes.ApiKeyRevoked, "The API key is revoked; it can no longer be changed.");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > AccountLimits.ApiKeyNameMaxLength)
        {
            throw AccountErrors.Validation("name", $"'name' must have 1 to {AccountLimits.ApiKeyNameMaxLength} characters.");
        }
        await store.RenameApiKeyAsync(UserId, state.Version, keyId, name);
        _loaded = false;
        return key with { Name = name };
    }

    public async Task RevokeApiKeyAsync(Guid keyId)
    {
        var state = await RequireAsync();
        var key = await GetApiKeyAsync(keyId);
        if (key.RevokedAt is not null)
        {
            throw new DomainException(ErrorCodes.ApiKeyRevoked, "The API key is already revoked.");
        }
        await store.RevokeApiKeyAsync(UserId, state.Version, keyId);
        _loaded = false;
    }

    private static DomainException KeyNotFound(Guid keyId) =>
        new(ErrorCodes.ApiKeyNotFound, "API key not found.", new Dictionary<string, object?> { ["key_id"] = keyId });

    private async Task<UserSnapshot?> LoadAsync()
    {
        _state = await store.LoadAsync(UserId);
        _teams = null;
        _loaded = true;
        return _state;
    }

    private async Task EnsureLoadedAsync()
    {
        if (!_loaded)
        {
            await LoadAsync();
        }
    }

    private async Task<UserSnapshot> RequireAsync()
    {
        await EnsureLoadedAsync();
        return _state ?? throw new DomainException(ErrorCodes.UserNotFound, "User not found.");
    }
}
