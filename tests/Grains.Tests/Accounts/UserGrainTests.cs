using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Users;
using Framecast.Grains.Accounts;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Tests.Accounts;

public sealed class UserGrainTests : IAsyncLifetime
{
    private readonly InMemoryAccounts _db = new();
    private AccountGrains _grains = null!;

    public async Task InitializeAsync() => _grains = await AccountGrains.StartAsync(_db);

    public async Task DisposeAsync() => await _grains.DisposeAsync();

    private GrainCalls<IUserGrain> User(Guid userId) => new(_grains.Factory.GetGrain<IUserGrain>(userId));

    private GrainCalls<ICreditPoolGrain> Pool(Guid userId) => new(_grains.Factory.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.User, userId).Key));

    private static async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<DomainException>(call)).Error.Code;

    [Fact]
    public async Task Provisioning_creates_a_starter_once()
    {
        var id = Guid.NewGuid();
        var user = User(id);

        var first = await user.Call(g => g.ProvisionAsync("New@Example.com"));
        var again = await user.Call(g => g.ProvisionAsync("new@example.com"));

        Assert.Equal(UserTier.Starter, first.Tier);
        Assert.Equal("new@example.com", first.Email);
        Assert.Equal(first, again);
        Assert.Equal("EMAIL_TAKEN", await CodeOf(() => User(Guid.NewGuid()).Call(g => g.ProvisionAsync("new@example.com"))));
    }

    [Fact]
    public async Task Upgrade_bootstraps_once_and_is_idempotent()
    {
        var id = _db.AddUser(UserTier.Starter);
        var user = User(id);

        var first = await user.Call(g => g.UpgradeAsync());
        var second = await user.Call(g => g.UpgradeAsync());

        Assert.Equal(UserTier.Creator, first.User.Tier);
        Assert.Equal("My Team", first.Team.Name);
        Assert.True(Slugs.IsValid(first.Team.Slug));
        Assert.Equal(TeamRole.Owner, first.Membership.Role);
        Assert.Equal(first.Team.Id, second.Team.Id);
        Assert.Single(_db.Memberships);
    }

    [Fact]
    public async Task Team_creation_needs_a_creator_and_respects_both_limits()
    {
        var starter = User(_db.AddUser(UserTier.Starter));
        Assert.Equal("CREATOR_TIER_REQUIRED", await CodeOf(() => starter.Call(g => g.CreateTeamAsync("x", null))));

        var id = _db.AddUser();
        var creator = User(id);
        for (var i = 0; i < AccountLimits.MaxOwnedTeams; i++)
        {
            await creator.Call(g => g.CreateTeamAsync($"T{i}", null));
        }
        Assert.Equal("OWNED_TEAM_LIMIT_REACHED", await CodeOf(() => creator.Call(g => g.CreateTeamAsync("one more", null))));

        var joiner = _db.AddUser();
        for (var i = 0; i < AccountLimits.MaxMemberships; i++)
        {
            _db.AddTeam((joiner, TeamRole.Viewer));
        }
        Assert.Equal("MEMBERSHIP_LIMIT_REACHED", await CodeOf(() => User(joiner).Call(g => g.CreateTeamAsync("x", null))));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("ok", "Not A Slug")]
    [InlineData("ok", "double--hyphen")]
    [InlineData("ok", "trailing-")]
    public async Task Invalid_team_names_and_slugs_are_validation_errors(string name, string? slug)
    {
        var creator = User(_db.AddUser());

        Assert.Equal("VALIDATION_ERROR", await CodeOf(() => creator.Call(g => g.CreateTeamAsync(name, slug))));
    }

    [Fact]
    public async Task Concurrent_team_creations_stop_exactly_at_the_owned_limit()
    {
        var id = _db.AddUser();
        var user = User(id);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await user.Call(g => g.CreateTeamAsync($"P{i}", null));
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        }));

        Assert.Equal(AccountLimits.MaxOwnedTeams, results.Count(r => r));
    }

    [Fact]
    public async Task Deletion_is_refused_for_the_only_owner_of_a_team_with_members_and_removes_sole_member_teams()
    {
        var (owner, member) = (_db.AddUser(), _db.AddUser());
        var shared = _db.AddTeam((owner, TeamRole.Owner), (member, TeamRole.Member));
        var solo = _db.AddTeam((owner, TeamRole.Owner));

        Assert.Equal("LAST_OWNER", await CodeOf(() => User(owner).Call(g => g.DeleteAsync())));
        var index = _db.Memberships.FindIndex(m => m.TeamId == shared && m.UserId == member);
        _db.Memberships[index] = _db.Memberships[index] with { Role = TeamRole.Owner };
        await User(owner).Call(g => g.DeleteAsync());

        Assert.False(_db.Users.ContainsKey(owner));
        Assert.False(_db.Teams.ContainsKey(solo));
        Assert.True(_db.Teams.ContainsKey(shared));
    }

    [Fact]
    public async Task Profile_patch_keeps_unset_fields_and_clears_null_ones()
    {
        var user = User(_db.AddUser());

        await user.Call(g => g.UpdateProfileAsync(new ProfileUpdate(true, "Ada", true, "https://a.example/x.png")));
        var renamed = await user.Call(g => g.UpdateProfileAsync(new ProfileUpdate(true, "Ada L.", false, null)));
        var cleared = await user.Call(g => g.UpdateProfileAsync(new ProfileUpdate(false, null, true, null)));

        Assert.Equal("https://a.example/x.png", renamed.AvatarUrl);
        Assert.Equal("Ada L.", cleared.Name);
        Assert.Null(cleared.AvatarUrl);
    }

    [Fact]
    public async Task Api_keys_store_a_hash_and_a_revoked_key_cannot_change()
    {
        var id = _db.AddUser();
        var user = User(id);

        var created = await user.Call(g => g.CreateApiKeyAsync(new NewApiKey("k", OwnerUrn.ForUser(id).ToString(), ["*"], null)));
        await user.Call(g => g.RevokeApiKeyAsync(created.ApiKey.Id));

        Assert.Equal(ApiKeySecrets.Hash(created.RawKey), _db.Keys.Single().Hash);
        Assert.DoesNotContain(created.RawKey, _db.Keys.Single().Hash);
        Assert.Equal("API_KEY_REVOKED", await CodeOf(() => user.Call(g => g.RenameApiKeyAsync(created.ApiKey.Id, "n"))));
        Assert.Equal("API_KEY_REVOKED", await CodeOf(() => user.Call(g => g.RevokeApiKeyAsync(created.ApiKey.Id))));
        Assert.Equal("API_KEY_NOT_FOUND", await CodeOf(() => user.Call(g => g.GetApiKeyAsync(Guid.NewGuid()))));
        Assert.Equal("VALIDATION_ERROR", await CodeOf(() => user.Call(g => g.CreateApiKeyAsync(
            new NewApiKey("k", OwnerUrn.ForUser(id).ToString(), ["*"], DateTimeOffset.UtcNow.AddSeconds(-1))))));
    }

    [Fact]
    public async Task Personal_credits_never_go_below_zero()
    {
        var id = _db.AddUser();
        var user = User(id);

        await Pool(id).Call(g => g.AdjustCreditsAsync(5, "grant", null));

        Assert.Equal("INSUFFICIENT_CREDITS", await CodeOf(() => Pool(id).Call(g => g.AdjustCreditsAsync(-6, "debit", null))));
        Assert.Equal(5, (await user.Call(g => g.GetAsync()))!.Credits);
    }
}
