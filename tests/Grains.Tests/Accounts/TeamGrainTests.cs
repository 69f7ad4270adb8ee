using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;

namespace Framecast.Grains.Tests.Accounts;

public sealed class TeamGrainTests : IAsyncLifetime
{
    private readonly InMemoryAccounts _db = new();
    private AccountGrains _grains = null!;

    public async Task InitializeAsync() => _grains = await AccountGrains.StartAsync(_db);

    public async Task DisposeAsync() => await _grains.DisposeAsync();

    private GrainCalls<ITeamGrain> Team(Guid teamId) => new(_grains.Factory.GetGrain<ITeamGrain>(teamId));

    private GrainCalls<ICreditPoolGrain> Pool(Guid teamId) => new(_grains.Factory.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.Team, teamId).Key));

    private static async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<DomainException>(call)).Error.Code;

    [Fact]
    public async Task Admins_cannot_touch_owners_or_make_owners_but_owners_can()
    {
        var (owner, admin, member) = (_db.AddUser(), _db.AddUser(), _db.AddUser());
        var teamId = _db.AddTeam((owner, TeamRole.Owner), (admin, TeamRole.Admin), (member, TeamRole.Member));
        var team = Team(teamId);

        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.ChangeRoleAsync(admin, member, TeamRole.Owner))));
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.ChangeRoleAsync(admin, owner, TeamRole.Viewer))));
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.RemoveMemberAsync(admin, owner))));
        Assert.Equal(TeamRole.Viewer, (await team.Call(g => g.ChangeRoleAsync(admin, member, TeamRole.Viewer))).Role);
        Assert.Equal(TeamRole.Owner, (await team.Call(g => g.ChangeRoleAsync(owner, admin, TeamRole.Owner))).Role);
    }

    [Fact]
    public async Task Members_and_viewers_cannot_manage_and_outsiders_do_not_see_the_team()
    {
        var (owner, member, viewer, outsider) = (_db.AddUser(), _db.AddUser(), _db.AddUser(), _db.AddUser());
        var team = Team(_db.AddTeam((owner, TeamRole.Owner), (member, TeamRole.Member), (viewer, TeamRole.Viewer)));

        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.RemoveMemberAsync(member, viewer))));
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.InviteAsync(viewer, "x@example.com", TeamRole.Member))));
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.UpdateAsync(member, new Abstractions.Teams.TeamUpdate("n", null)))));
        Assert.Equal("TEAM_NOT_FOUND", await CodeOf(() => team.Call(g => g.ListMembersAsync(outsider))));
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => team.Call(g => g.DeleteAsync(member))));
    }

    [Fact]
    public async Task Self_targets_are_refused_and_the_last_owner_cannot_leave_a_team_with_members()
    {
        var (owner, member) = (_db.AddUser(), _db.AddUser());
        var team = Team(_db.AddTeam((owner, TeamRole.Owner), (member, TeamRole.Member)));

        Assert.Equal("CANNOT_TARGET_SELF", await CodeOf(() => team.Call(g => g.ChangeRoleAsync(owner, owner, TeamRole.Admin))));
        Assert.Equal("CANNOT_TARGET_SELF", await CodeOf(() => team.Call(g => g.RemoveMemberAsync(owner, owner))));
        Assert.Equal("LAST_OWNER", await CodeOf(() => team.Call(g => g.LeaveAsync(owner))));
        Assert.Equal("MEMBER_NOT_FOUND", await CodeOf(() => team.Call(g => g.RemoveMemberAsync(owner, Guid.NewGuid()))));
        await team.Call(g => g.LeaveAsync(member));
        Assert.Single(_db.Memberships);
    }

    [Fact]
    public async Task The_sole_member_leaving_deletes_the_team_unless_jobs_are_active()
    {
        var owner = _db.AddUser();
        var teamId = _db.AddTeam((owner, TeamRole.Owner));
        var team = Team(teamId);
        _db.ActiveJobs = true;

        Assert.Equal("ACTIVE_JOBS_EXIST", await CodeOf(() => team.Call(g => g.LeaveAsync(owner))));
        _db.ActiveJobs = false;
        await team.Call(g => g.LeaveAsync(owner));

        Assert.False(_db.Teams.ContainsKey(teamId));
    }

    [Fact]
    public async Task Delete_needs_the_owner_alone_in_the_team()
    {
        var (owner, member) = (_db.AddUser(), _db.AddUser());
        var teamId = _db.AddTeam((owner, TeamRole.Owner), (member, TeamRole.Member));
        var team = Team(teamId);

        Assert.Equal("TEAM_NOT_EMPTY", await CodeOf(() => team.Call(g => g.DeleteAsync(owner))));
        await team.Call(g => g.RemoveMemberAsync(owner, member));
        await team.Call(g => g.DeleteAsync(owner));
        Assert.False(_db.Teams.ContainsKey(teamId));
    }

    [Fact]
    public async Task Many_interleaved_demotions_and_removals_never_leave_the_team_without_an_owner()
    {
        var (a, b, c) = (_db.AddUser(), _db.AddUser(), _db.AddUser());
        var teamId = _db.AddTeam((a, TeamRole.Owner), (b, TeamRole.Owner), (c, TeamRole.Member));
        var team = Team(teamId);

        var calls = Enumerable.Range(0, 20).Select(i => (i % 4) switch
        {
            0 => team.Call(g => g.ChangeRoleAsync(a, b, TeamRole.Viewer)),
            1 => team.Call(g => g.ChangeRoleAsync(b, a, TeamRole.Admin)),
            2 => team.Call(g => g.RemoveMemberAsync(a, b)),
            _ => team.Call(g => g.RemoveMemberAsync(b, a)),
        }).Select(async t =>
        {
            try
            {
                await t;
            }
            catch (DomainException)
            {
            }
        });
        await Task.WhenAll(calls);

        Assert.Equal(1, _db.Memberships.Count(m => m.TeamId == teamId && m.Role == TeamRole.Owner));
    }

    [Fact]
    public async Task A_stale_activation_reloads_on_conflict_and_decides_again()
    {
        var (a, b) = (_db.AddUser(), _db.AddUser());
        var teamId = _db.AddTeam((a, TeamRole.Owner), (b, TeamRole.Owner));
        var first = Team(teamId);
        var second = Team(teamId); // another silo's activation of the same team
        await first.Call(g => g.GetAsync());
        await second.Call(g => g.GetAsync());

        await first.Call(g => g.ChangeRoleAsync(a, b, TeamRole.Admin));

        // The second activation still believes b is an owner; its write conflicts, it reloads, and the rule holds.
        Assert.Equal("INSUFFICIENT_ROLE", await CodeOf(() => second.Call(g => g.ChangeRoleAsync(b, a, TeamRole.Admin))));
        Assert.Equal(1, _db.Memberships.Count(m => m.Role == TeamRole.Owner));
    }

    [Fact]
    public async Task Invitations_follow_role_email_and_limit_rules()
    {
        var owner = _db.AddUser(email: "owner@example.com");
        var member = _db.AddUser(email: "member@example.com");
        var teamId = _db.AddTeam((owner, TeamRole.Owner), (member, TeamRole.Member));
        var team = Team(teamId);

        Assert.Equal("VALIDATION_ERROR", await CodeOf(() => team.Call(g => g.InviteAsync(owner, "new@example.com", TeamRole.Owner))));
        Assert.Equal("CANNOT_TARGET_SELF", await CodeOf(() => team.Call(g => g.InviteAsync(owner, "OWNER@example.com", TeamRole.Member))));
        Assert.Equal("ALREADY_MEMBER", await CodeOf(() => team.Call(g => g.InviteAsync(owner, "member@example.com", TeamRole.Viewer))));
        for (var i = 0; i < 20; i++)
        {
            await team.Call(g => g.InviteAsync(owner, $"p{i}@example.com", TeamRole.Member));
        }
        Assert.Equal("INVITATION_RATE_LIMIT", await CodeOf(() => team.Call(g => g.InviteAsync(owner, "late@example.com", TeamRole.Member))));
        Assert.Equal(20, _db.Emails.Count);
    }

    [Fact]
    public async Task The_pending_limit_counts_actionable_invitations_and_a_reinvite_replaces_one()
    {
        var owner = _db.AddUser();
        var teamId = _db.AddTeam((owner, TeamRole.Owner));
        var old = DateTimeOffset.UtcNow.AddDays(-2);
        for (var i = 0; i < 50; i++)
        {
            _db.Invitations.Add(new InvitationRecord(Guid.NewGuid(), teamId, owner, $"q{i}@example.com", TeamRole.Member, $"t{i}", old.AddDays(7), null, null, null, old));
        }
        var team = Team(teamId);

        Assert.Equal("PENDING_INVITATION_LIMIT_REACHED", await CodeOf(() => team.Call(g => g.InviteAsync(owner, "new@example.com", TeamRole.Member))));
        var replaced = await team.Call(g => g.InviteAsync(owner, "q3@example.com", TeamRole.Admin));

        Assert.Equal(TeamRole.Admin, replaced.Role);
        Assert.NotNull(_db.Invitations.Single(i => i.Token == "t3").RevokedAt);
    }

    [Fact]
    public async Task Accepting_upgrades_a_starter_and_needs_the_invited_email()
    {
        var owner = _db.AddUser();
        var starter = _db.AddUser(UserTier.Starter, "starter@example.com");
        var stranger = _db.AddUser(email: "stranger@example.com");
        var teamId = _db.AddTeam((owner, TeamRole.Owner));
        var team = Team(teamId);
        var invitation = await team.Call(g => g.InviteAsync(owner, "starter@example.com", TeamRole.Viewer));

        Assert.Equal("INVITATION_EMAIL_MISMATCH", await CodeOf(() => team.Call(g => g.AcceptInvitationAsync(stranger, invitation.Id))));
        var membership = await team.Call(g => g.AcceptInvitationAsync(starter, invitation.Id));

        Assert.Equal(TeamRole.Viewer, membership.Role);
        Assert.Equal(UserTier.Creator, _db.Users[starter].User.Tier);
        Assert.Equal(2, _db.Memberships.Count(m => m.UserId == starter));
        Assert.Equal("INVITATION_NOT_ACTIONABLE", await CodeOf(() => team.Call(g => g.DeclineInvitationAsync(starter, invitation.Id))));
    }

    [Fact]
    public async Task Credits_never_go_below_zero()
    {
        var owner = _db.AddUser();
        var teamId = _db.AddTeam((owner, TeamRole.Owner));
        var team = Pool(teamId);

        Assert.Equal(10, (await team.Call(g => g.AdjustCreditsAsync(10, "grant", null))).BalanceAfter);
        Assert.Equal("INSUFFICIENT_CREDITS", await CodeOf(() => team.Call(g => g.AdjustCreditsAsync(-11, "debit", null))));
        Assert.Equal("VALIDATION_ERROR", await CodeOf(() => team.Call(g => g.AdjustCreditsAsync(0, "nothing", null))));
        Assert.Equal(0, (await team.Call(g => g.AdjustCreditsAsync(-10, "debit", null))).BalanceAfter);
        // The team answers with the balance its pool holds.
        Assert.Equal(0, (await Team(teamId).Call(g => g.GetAsync()))!.Team.Credits);
    }
}
