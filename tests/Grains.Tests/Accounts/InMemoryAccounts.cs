using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Usage;
using Framecast.Grains.Jobs;
using Framecast.Grains.Persistence;
using Framecast.Grains.Teams;
using Framecast.Grains.Users;

namespace Framecast.Grains.Tests.Accounts;

/// <summary>The user and team stores in memory, with the same version checks: a write names the version it read
/// and fails with <see cref="StaleStateException"/> otherwise. The credit pools' balances too: accounts answer with them.</summary>
public sealed class InMemoryAccounts : IUserStore, ITeamStore, ICreditPoolStore
{
    private readonly Lock _gate = new();
    public Dictionary<Guid, (UserProfile User, long Version)> Users { get; } = new();
    public Dictionary<Guid, (TeamRecord Team, long Version)> Teams { get; } = new();
    public List<MembershipRecord> Memberships { get; } = [];
    public List<InvitationRecord> Invitations { get; } = [];
    public List<(ApiKeyRecord Key, string Hash)> Keys { get; } = [];
    public List<OutboundEmail> Emails { get; } = [];
    public bool ActiveJobs { get; set; }

    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    public Guid AddUser(UserTier tier = UserTier.Creator, string? email = null)
    {
        var id = Guid.NewGuid();
        Users[id] = (new UserProfile(id, email ?? $"{id:N}@example.com", null, null, tier, 0, 0, tier == UserTier.Creator ? T0 : null, T0, T0), 1);
        return id;
    }

    public Guid AddTeam(params (Guid User, TeamRole Role)[] members)
    {
        var id = Guid.NewGuid();
        Teams[id] = (new TeamRecord(id, "Team", $"team-{id:N}"[..13], 0, 0, "{}", T0, T0), 1);
        foreach (var (user, role) in members)
        {
            Memberships.Add(new MembershipRecord(Guid.NewGuid(), id, user, role, T0));
        }
        return id;
    }

    private void BumpUser(Guid id, long expected, Guid grainKey)
    {
        if (!Users.TryGetValue(id, out var row) || row.Version != expected)
        {
            throw new StaleStateException($"user {grainKey}", expected);
        }
        Users[id] = (row.User, row.Version + 1);
    }

    private void BumpTeam(Guid id, long expected)
    {
        if (!Teams.TryGetValue(id, out var row) || row.Version != expected)
        {
            throw new StaleStateException($"team {id}", expected);
        }
        Teams[id] = (row.Team, row.Version + 1);
    }

    private void TouchUser(Guid id)
    {
        if (Users.TryGetValue(id, out var row))
        {
            Users[id] = (row.User, row.Version + 1);
        }
    }

    private (TeamRecord, MembershipRecord) InsertTeam(NewTeam team, Guid owner)
    {
        if (Teams.Values.Any(t => t.Team.Slug == team.Slug))
        {
            throw new DomainException(ErrorCodes.SlugTaken, "slug taken");
        }
        var record = new TeamRecord(team.Id, team.Name, team.Slug, 0, 0, "{}", T0, T0);
        Teams[team.Id] = (record, 1);
        var membership = new MembershipRecord(Guid.NewGuid(), team.Id, owner, TeamRole.Owner, T0);
        Memberships.Add(membership);
        return (record, membership);
    }

    private void Upgrade(Guid userId)
    {
        var row = Users[userId];
        Users[userId] = (row.User with { Tier = UserTier.Creator, UpgradedAt = T0 }, row.Version);
    }

    // IUserStore
    public Task<UserSnapshot?> LoadAsync(Guid userId)
    {
        lock (_gate)
        {
            return Task.FromResult(Users.TryGetValue(userId, out var row)
                ? new UserSnapshot(row.User, row.Version, Memberships.Count(m => m.UserId == userId), Memberships.Count(m => m.UserId == userId && m.Role == TeamRole.Owner))
                : null);
        }
    }

    public Task InsertAsync(Guid userId, string email)
    {
        lock (_gate)
        {
            if (Users.Values.Any(u => u.User.Email == email))
            {
                throw new DomainException(ErrorCodes.EmailTaken, "taken");
            }
            Users.TryAdd(userId, (new UserProfile(userId, email, null, null, UserTier.Starter, 0, 0, null, T0, T0), 1));
            return Task.CompletedTask;
        }
    }

    public Task UpdateProfileAsync(Guid userId, long expectedVersion, string? name, string? avatarUrl)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            var row = Users[userId];
            Users[userId] = (row.User with { Name = name, AvatarUrl = avatarUrl }, row.Version);
            return Task.CompletedTask;
        }
    }

    public Task<(TeamRecord Team, MembershipRecord Membership)> UpgradeAsync(Guid userId, long expectedVersion, NewTeam team)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            Upgrade(userId);
            return Task.FromResult(InsertTeam(team, userId));
        }
    }

    public Task<(TeamRecord Team, MembershipRecord Membership)?> FindFirstOwnedTeamAsync(Guid userId)
    {
        lock (_gate)
        {
            var m = Memberships.FirstOrDefault(m => m.UserId == userId && m.Role == TeamRole.Owner);
            return Task.FromResult(m is null ? ((TeamRecord, MembershipRecord)?)null : (Teams[m.TeamId].Team, m));
        }
    }

    public Task<IReadOnlyList<UserTeamFacts>> ListTeamFactsAsync(Guid userId)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<UserTeamFacts>>(Memberships.Where(m => m.UserId == userId)
                .Select(m => new UserTeamFacts(m.TeamId, m.Role, Memberships.Count(x => x.TeamId == m.TeamId),
                    Memberships.Count(x => x.TeamId == m.TeamId && x.Role == TeamRole.Owner))).ToList());
        }
    }

    public Task<bool> HasActiveJobsAsync(IReadOnlyCollection<Guid> teamIds) => Task.FromResult(ActiveJobs);

    public Task DeleteAsync(Guid userId, long expectedVersion, IReadOnlyCollection<Guid> soleMemberTeams)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            foreach (var team in soleMemberTeams)
            {
                Teams.Remove(team);
                Memberships.RemoveAll(m => m.TeamId == team);
            }
            Memberships.RemoveAll(m => m.UserId == userId);
            Users.Remove(userId);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<UserTeam>> ListTeamsAsync(Guid userId)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<UserTeam>>(Memberships.Where(m => m.UserId == userId)
                .Select(m => new UserTeam(Teams[m.TeamId].Team, m.Role, m.CreatedAt)).ToList());
        }
    }

    public Task<(TeamRecord Team, MembershipRecord Membership)> CreateTeamAsync(Guid userId, long expectedVersion, NewTeam team)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            return Task.FromResult(InsertTeam(team, userId));
        }
    }

    public Task<ApiKeyRecord> InsertApiKeyAsync(Guid userId, long expectedVersion, ApiKeyRecord key, string keyHash)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            Keys.Add((key, keyHash));
            return Task.FromResult(key);
        }
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(Guid userId)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApiKeyRecord>>(Keys.Where(k => k.Key.UserId == userId).Select(k => k.Key).ToList());
        }
    }

    public Task RenameApiKeyAsync(Guid userId, long expectedVersion, Guid keyId, string name) => ChangeKey(userId, expectedVersion, keyId, k => k with { Name = name });

    public Task RevokeApiKeyAsync(Guid userId, long expectedVersion, Guid keyId) => ChangeKey(userId, expectedVersion, keyId, k => k with { RevokedAt = T0 });

    private Task ChangeKey(Guid userId, long expectedVersion, Guid keyId, Func<ApiKeyRecord, ApiKeyRecord> change)
    {
        lock (_gate)
        {
            BumpUser(userId, expectedVersion, userId);
            var index = Keys.FindIndex(k => k.Key.Id == keyId);
            Keys[index] = (change(Keys[index].Key), Keys[index].Hash);
            return Task.CompletedTask;
        }
    }

    // ITeamStore
    Task<TeamSnapshot?> ITeamStore.LoadAsync(Guid teamId)
    {
        lock (_gate)
        {
            return Task.FromResult(Teams.TryGetValue(teamId, out var row)
                ? new TeamSnapshot(row.Team, row.Version, Memberships.Where(m => m.TeamId == teamId).ToList())
                : null);
        }
    }

    public Task<UserFacts?> GetUserFactsAsync(Guid userId)
    {
        lock (_gate)
        {
            return Task.FromResult(Users.TryGetValue(userId, out var row)
                ? new UserFacts(userId, row.User.Email, row.User.Tier, Memberships.Count(m => m.UserId == userId),
                    Memberships.Count(m => m.UserId == userId && m.Role == TeamRole.Owner))
                : null);
        }
    }

    public Task<Guid?> FindUserIdByEmailAsync(string email)
    {
        lock (_gate)
        {
            return Task.FromResult(Users.Values.Where(u => u.User.Email == email).Select(u => (Guid?)u.User.Id).FirstOrDefault());
        }
    }

    public Task UpdateAsync(Guid teamId, long expectedVersion, string name, string settingsJson)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            var row = Teams[teamId];
            Teams[teamId] = (row.Team with { Name = name, SettingsJson = settingsJson }, row.Version);
            return Task.CompletedTask;
        }
    }

    public Task<bool> HasActiveJobsAsync(Guid teamId) => Task.FromResult(ActiveJobs);

    public Task DeleteAsync(Guid teamId, long expectedVersion)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            Teams.Remove(teamId);
            Memberships.RemoveAll(m => m.TeamId == teamId);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<MemberView>> ListMembersAsync(Guid teamId)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<MemberView>>(Memberships.Where(m => m.TeamId == teamId).Select(m =>
                new MemberView(m.Id, m.TeamId, m.UserId, m.Role, m.CreatedAt, new MemberUser(m.UserId, Users[m.UserId].User.Email, Users[m.UserId].User.Name, null))).ToList());
        }
    }

    public Task ChangeRoleAsync(Guid teamId, long expectedVersion, Guid userId, TeamRole role)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            var index = Memberships.FindIndex(m => m.TeamId == teamId && m.UserId == userId);
            Memberships[index] = Memberships[index] with { Role = role };
            return Task.CompletedTask;
        }
    }

    public Task RemoveMemberAsync(Guid teamId, long expectedVersion, Guid userId)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            TouchUser(userId);
            Memberships.RemoveAll(m => m.TeamId == teamId && m.UserId == userId);
            return Task.CompletedTask;
        }
    }

    public Task LeaveAsync(Guid teamId, long expectedVersion, Guid userId, bool deleteTeam)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            TouchUser(userId);
            Memberships.RemoveAll(m => m.TeamId == teamId && m.UserId == userId);
            if (deleteTeam)
            {
                Teams.Remove(teamId);
            }
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(Guid teamId)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<InvitationRecord>>(Invitations.Where(i => i.TeamId == teamId).OrderByDescending(i => i.CreatedAt).ToList());
        }
    }

    public Task<InvitationRecord?> GetInvitationAsync(Guid invitationId)
    {
        lock (_gate)
        {
            return Task.FromResult(Invitations.FirstOrDefault(i => i.Id == invitationId));
        }
    }

    public Task<InvitationCounts> CountInvitationsAsync(Guid teamId, DateTimeOffset dayStartUtc, DateTimeOffset now)
    {
        lock (_gate)
        {
            var team = Invitations.Where(i => i.TeamId == teamId).ToList();
            return Task.FromResult(new InvitationCounts(team.Count(i => i.IsActionableAt(now)), team.Count(i => i.CreatedAt >= dayStartUtc)));
        }
    }

    public Task<InvitationRecord?> FindActionableInvitationAsync(Guid teamId, string email, DateTimeOffset now)
    {
        lock (_gate)
        {
            return Task.FromResult(Invitations.FirstOrDefault(i => i.TeamId == teamId && i.Email == email && i.IsActionableAt(now)));
        }
    }

    public Task InsertInvitationAsync(Guid teamId, long expectedVersion, InvitationRecord invitation, Guid? replacing, OutboundEmail email)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            if (replacing is { } id)
            {
                SetInvitation(id, i => i with { RevokedAt = DateTimeOffset.UtcNow });
            }
            Invitations.Add(invitation);
            Emails.Add(email);
            return Task.CompletedTask;
        }
    }

    private void SetInvitation(Guid id, Func<InvitationRecord, InvitationRecord> change)
    {
        var index = Invitations.FindIndex(i => i.Id == id);
        if (index < 0 || !Invitations[index].IsActionableAt(DateTimeOffset.UtcNow))
        {
            throw new DomainException(ErrorCodes.InvitationNotActionable, "not actionable");
        }
        Invitations[index] = change(Invitations[index]);
    }

    public Task RevokeInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            SetInvitation(invitationId, i => i with { RevokedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        }
    }

    public Task<InvitationRecord> ResendInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, DateTimeOffset expiresAt, OutboundEmail email)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            SetInvitation(invitationId, i => i with { ExpiresAt = expiresAt });
            Emails.Add(email);
            return Task.FromResult(Invitations.First(i => i.Id == invitationId));
        }
    }

    public Task DeclineInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            SetInvitation(invitationId, i => i with { DeclinedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        }
    }

    public Task<MembershipRecord> AcceptInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, Guid userId, TeamRole role)
    {
        lock (_gate)
        {
            BumpTeam(teamId, expectedVersion);
            SetInvitation(invitationId, i => i with { AcceptedAt = DateTimeOffset.UtcNow });
            var membership = new MembershipRecord(Guid.NewGuid(), teamId, userId, role, DateTimeOffset.UtcNow);
            Memberships.Add(membership);
            return Task.FromResult(membership);
        }
    }

    // The credit pools: only the balance is kept; jobs are the Silo tests' business.
    private readonly Dictionary<string, long> _poolVersions = new();

    public Task<CreditPoolState?> LoadAsync(CreditPool pool)
    {
        lock (_gate)
        {
            int? credits = pool.Kind == CreditPoolKind.User
                ? Users.TryGetValue(pool.Id, out var user) ? user.User.Credits : null
                : Teams.TryGetValue(pool.Id, out var team) ? team.Team.Credits : null;
            return Task.FromResult(credits is { } c ? new CreditPoolState(c, _poolVersions.GetValueOrDefault(pool.Key), JobLimits.Team, []) : null);
        }
    }

    // No jobs here, so no usage either.
    public Task<UsagePeriod> LoadUsageAsync(CreditPool pool, string period) => Task.FromResult(UsagePeriod.Empty(period));

    public Task<(CreditChange Change, long NewVersion)> AdjustAsync(CreditPool pool, long expectedVersion, int delta, string reason, Guid? jobId)
    {
        lock (_gate)
        {
            if (_poolVersions.GetValueOrDefault(pool.Key) != expectedVersion)
            {
                throw new StaleStateException($"pool {pool.Key}", expectedVersion);
            }
            _poolVersions[pool.Key] = expectedVersion + 1;
            int after;
            string owner;
            if (pool.Kind == CreditPoolKind.User)
            {
                var row = Users[pool.Id];
                after = row.User.Credits + delta;
                Users[pool.Id] = (row.User with { Credits = after }, row.Version);
                owner = OwnerUrn.ForUser(pool.Id).ToString();
            }
            else
            {
                var row = Teams[pool.Id];
                after = row.Team.Credits + delta;
                Teams[pool.Id] = (row.Team with { Credits = after }, row.Version);
                owner = OwnerUrn.ForTeam(pool.Id).ToString();
            }
            return Task.FromResult((new CreditChange(Guid.NewGuid(), owner, delta, after, reason, jobId, T0), expectedVersion + 1));
        }
    }

    public Task<JobRecord> FindJobAsync(Guid jobId) => throw new NotSupportedException("No jobs in the account tests.");

    public Task<(JobRecord Job, string? RequestHash)?> FindByIdempotencyKeyAsync(Guid triggeredBy, string idempotencyKey) => throw new NotSupportedException("No jobs in the account tests.");

    public Task<AdmitOutcome> AdmitAsync(CreditPool pool, long expectedVersion, AdmitJobCommand command) => throw new NotSupportedException("No jobs in the account tests.");

    public Task<(JobRecord Job, long NewVersion)?> SettleAsync(CreditPool pool, long expectedVersion, JobRecord job, JobSettlement settlement, int refund) =>
        throw new NotSupportedException("No jobs in the account tests.");
}
