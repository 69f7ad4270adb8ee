using System.Text.Json;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;
using Framecast.Grains.Accounts;
using Framecast.Grains.Users;

namespace Framecast.Grains.Teams;

/// <summary>
/// A team's rules (spec 04 §2–§4, 05 §2): settings, deletion, every membership change and every invitation.
/// One activation and one turn at a time per team, each committed conditionally on the team row's version, so
/// two concurrent demotions or removals can never both pass the last-owner check (INV-T2). The balance belongs to
/// the team's credit pool grain, which the team asks for it.
/// </summary>
public sealed class TeamGrain(ITeamStore store, TimeProvider clock) : Grain, ITeamGrain
{
    private TeamSnapshot? _state;
    private bool _loaded;

    private Guid TeamId => this.GetPrimaryKey();

    private ICreditPoolGrain Pool => GrainFactory.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.Team, TeamId).Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await LoadAsync();

    public Task RefreshAsync()
    {
        _loaded = false;
        return Task.CompletedTask;
    }

    public async Task<TeamState?> GetAsync()
    {
        if (!_loaded)
        {
            await LoadAsync();
        }
        return _state is null ? null : new TeamState(await WithBalanceAsync(_state.Team), _state.Members);
    }

    private async Task<TeamRecord> WithBalanceAsync(TeamRecord team) => team with { Credits = await Pool.GetBalanceAsync() };

    public async Task<TeamRecord> UpdateAsync(Guid actorId, TeamUpdate update)
    {
        var state = await RequireActorAsync(actorId, TeamAction.UpdateTeam);
        var name = update.Name ?? state.Team.Name;
        if (name.Trim().Length == 0 || name.Length > AccountLimits.TeamNameMaxLength)
        {
            throw AccountErrors.Validation("name", $"'name' must have 1 to {AccountLimits.TeamNameMaxLength} characters and not be blank.");
        }
        var settings = update.SettingsJson ?? state.Team.SettingsJson;
        using (var document = JsonDocument.Parse(settings))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw AccountErrors.Validation("settings", "'settings' must be a JSON object.");
            }
        }
        await store.UpdateAsync(TeamId, state.Version, name, settings);
        return await WithBalanceAsync((await LoadAsync())!.Team);
    }

    public async Task DeleteAsync(Guid actorId)
    {
        var state = await RequireActorAsync(actorId, TeamAction.DeleteTeam);
        if (state.Members.Count > 1)
        {
            throw new DomainException(ErrorCodes.TeamNotEmpty, "The team still has other members; remove them (or leave) first.");
        }
        if (await store.HasActiveJobsAsync(TeamId))
        {
            throw new DomainException(ErrorCodes.ActiveJobsExist, "The team still has queued or processing jobs.");
        }
        await store.DeleteAsync(TeamId, state.Version);
        _state = null;
    }

    public async Task<IReadOnlyList<MemberView>> ListMembersAsync(Guid actorId)
    {
        await RequireActorAsync(actorId, TeamAction.ViewMembers);
        var members = await store.ListMembersAsync(TeamId);
        return members
            .OrderBy(m => TeamPermissions.Rank(m.Role))
            .ThenBy(m => m.User.Name is null ? 1 : 0)
            .ThenBy(m => m.User.Name, StringComparer.Ordinal)
            .ThenBy(m => m.User.Email, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<MembershipRecord> ChangeRoleAsync(Guid actorId, Guid targetUserId, TeamRole role)
    {
        var state = await RequireActorAsync(actorId, TeamAction.ChangeMemberRole);
        var actorRole = state.Members.First(m => m.UserId == actorId).Role;
        var target = state.Members.FirstOrDefault(m => m.UserId == targetUserId) ?? throw MemberNotFound(targetUserId);
        if (targetUserId == actorId)
        {
            throw new DomainException(ErrorCodes.CannotTargetSelf, "You cannot change your own role; use leave instead.");
        }
        if (actorRole != TeamRole.Owner && (target.Role == TeamRole.Owner || role == TeamRole.Owner))
        {
            throw AccountErrors.InsufficientRole("Only an owner can change an owner's role or make someone an owner.");
        }
        if (target.Role == TeamRole.Owner && role != TeamRole.Owner && state.Members.Count(m => m.Role == TeamRole.Owner) <= 1)
        {
            throw new DomainException(ErrorCodes.LastOwner, "The team must keep at least one owner.");
        }
        if (target.Role == role)
        {
            return target;
        }
        var user = await store.GetUserFactsAsync(targetUserId) ?? throw MemberNotFound(targetUserId);
        if (role == TeamRole.Owner && user.OwnedTeamCount >= AccountLimits.MaxOwnedTeams)
        {
            throw new DomainException(ErrorCodes.OwnedTeamLimitReached, $"That user already owns {AccountLimits.MaxOwnedTeams} teams.");
        }
        await store.ChangeRoleAsync(TeamId, state.Version, targetUserId, role);
        _loaded = false;
        return target with { Role = role };
    }

    public async Task RemoveMemberAsync(Guid actorId, Guid targetUserId)
    {
        var state = await RequireActorAsync(actorId, TeamAction.RemoveMember);
        var actorRole = state.Members.First(m => m.UserId == actorId).Role;
        var target = state.Members.FirstOrDefault(m => m.UserId == targetUserId) ?? throw MemberNotFound(targetUserId);
        if (targetUserId == actorId)
        {
            throw new DomainException(ErrorCodes.CannotTargetSelf, "You cannot remove yourself; use leave instead.");
        }
        if (actorRole != TeamRole.Owner && target.Role == TeamRole.Owner)
        {
            throw AccountErrors.InsufficientRole("Admins cannot remove owners.");
        }
        if (target.Role == TeamRole.Owner && state.Members.Count(m => m.Role == TeamRole.Owner) <= 1)
        {
            throw new DomainException(ErrorCodes.LastOwner, "The team must keep at least one owner.");
        }
        await store.RemoveMemberAsync(TeamId, state.Version, targetUserId);
        _loaded = false;
    }

    public async Task LeaveAsync(Guid actorId)
    {
        var state = await RequireActorAsync(actorId, TeamAction.Leave);
        var me = state.Members.First(m => m.UserId == actorId);
        var last = state.Members.Count == 1;
        if (!last && me.Role == TeamRole.Owner && state.Members.Count(m => m.Role == TeamRole.Owner) <= 1)
        {
            throw new DomainException(ErrorCodes.LastOwner, "You are the last owner of a team that has other members: promote another owner first.");
        }
        if (last && await store.HasActiveJobsAsync(TeamId))
        {
            throw new DomainException(ErrorCodes.ActiveJobsExist, "You are the last member and the team still has queued or processing jobs.");
        }
        await store.LeaveAsync(TeamId, state.Version, actorId, deleteTeam: last);
        _loaded = false;
    }

    public async Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(Guid actorId)
    {
        await RequireActorAsync(actorId, TeamAction.ViewInvitations);
        return await store.ListInvitationsAsync(TeamId);
    }

    public async Task<InvitationRecord> InviteAsync(Guid actorId, string email, TeamRole role)
    {
        var state = await RequireActorAsync(actorId, TeamAction.Invite);
        var normalized = EmailAddress.Normalize(email);
        if (role == TeamRole.Owner)
        {
            throw AccountErrors.Validation("role", "'role' must be admin, member or viewer; invitations never grant owner.");
        }
        var actor = await store.GetUserFactsAsync(actorId) ?? throw MemberNotFound(actorId);
        if (string.Equals(actor.Email, normalized, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.CannotTargetSelf, "You cannot invite yourself.");
        }
        if (await store.FindUserIdByEmailAsync(normalized) is { } invitee && state.Members.Any(m => m.UserId == invitee))
        {
            throw new DomainException(ErrorCodes.AlreadyMember, "That person is already a member of the team.");
        }
        var now = clock.GetUtcNow();
        var existing = await store.FindActionableInvitationAsync(TeamId, normalized, now);
        var counts = await store.CountInvitationsAsync(TeamId, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), now);
        // Replacing an actionable invitation for the same email does not add to the pending count (spec 04 §4.2).
        if (counts.Actionable - (existing is null ? 0 : 1) >= AccountLimits.MaxActionableInvitationsPerTeam)
        {
            throw new DomainException(ErrorCodes.PendingInvitationLimitReached, $"The team already has {AccountLimits.MaxActionableInvitationsPerTeam} pending invitations.");
        }
        if (counts.CreatedToday >= AccountLimits.MaxInvitationsPerTeamPerDay)
        {
            throw new DomainException(ErrorCodes.InvitationRateLimit, $"The team has created {AccountLimits.MaxInvitationsPerTeamPerDay} invitations today (UTC); try again after midnight UTC.");
        }
        var invitation = new InvitationRecord(Guid.NewGuid(), TeamId, actorId, normalized, role, InvitationTokens.Generate(),
            now + AccountLimits.InvitationLifetime, null, null, null, now);
        await store.InsertInvitationAsync(TeamId, state.Version, invitation, existing?.Id, InvitationEmail(state.Team, invitation, "invitation"));
        _loaded = false;
        return invitation;
    }

    public async Task RevokeInvitationAsync(Guid actorId, Guid invitationId)
    {
        var state = await RequireActorAsync(actorId, TeamAction.RevokeInvitation);
        RequireActionable(await FindInvitationAsync(invitationId));
        await store.RevokeInvitationAsync(TeamId, state.Version, invitationId);
        _loaded = false;
    }

    public async Task<InvitationRecord> ResendInvitationAsync(Guid actorId, Guid invitationId)
    {
        var state = await RequireActorAsync(actorId, TeamAction.ResendInvitation);
        var invitation = RequireActionable(await FindInvitationAsync(invitationId));
        var resent = invitation with { ExpiresAt = clock.GetUtcNow() + AccountLimits.InvitationLifetime };
        var stored = await store.ResendInvitationAsync(TeamId, state.Version, invitationId, resent.ExpiresAt, InvitationEmail(state.Team, resent, "invitation_resend"));
        _loaded = false;
        return stored;
    }

    public async Task<MembershipRecord> AcceptInvitationAsync(Guid userId, Guid invitationId)
    {
        var state = await RequireTeamAsync();
        var invitation = await FindInvitationAsync(invitationId);
        var user = await store.GetUserFactsAsync(userId) ?? throw new DomainException(ErrorCodes.UserNotFound, "User not found.");
        RequireInvitee(invitation, user);
        RequireActionable(invitation);
        if (state.Members.Any(m => m.UserId == userId))
        {
            throw new DomainException(ErrorCodes.AlreadyMember, "You are already a member of this team.");
        }
        if (user.MembershipCount >= AccountLimits.MaxMemberships)
        {
            throw new DomainException(ErrorCodes.MembershipLimitReached, $"You already belong to {AccountLimits.MaxMemberships} teams.");
        }
        if (user.Tier == UserTier.Starter)
        {
            // T5: a starter is upgraded (T2, with its bootstrap bundle) by its own grain, the writer of its row.
            await GrainFactory.GetGrain<IUserGrain>(userId).UpgradeAsync();
        }
        var membership = await store.AcceptInvitationAsync(TeamId, state.Version, invitationId, userId, invitation.Role);
        _loaded = false;
        return membership;
    }

    public async Task DeclineInvitationAsync(Guid userId, Guid invitationId)
    {
        var state = await RequireTeamAsync();
        var invitation = await FindInvitationAsync(invitationId);
        var user = await store.GetUserFactsAsync(userId) ?? throw new DomainException(ErrorCodes.UserNotFound, "User not found.");
        RequireInvitee(invitation, user);
        RequireActionable(invitation);
        await store.DeclineInvitationAsync(TeamId, state.Version, invitationId);
        _loaded = false;
    }

    private static OutboundEmail InvitationEmail(TeamRecord team, InvitationRecord invitation, string kind) => new(
        kind,
        invitation.Email,
        $"You are invited to join {team.Name} on Framecast",
        $"You have been invited to join the team \"{team.Name}\" as {invitation.Role.ToString().ToLowerInvariant()}.\n" +
        $"Accept: POST /v1/invitations/{invitation.Id:D}/accept (signed in as {invitation.Email})\n" +
        $"or POST /v1/invitations/accept-token with {{\"token\": \"{invitation.Token}\"}}.\n" +
        $"Decline: POST /v1/invitations/{invitation.Id:D}/decline. The invitation expires at {invitation.ExpiresAt:O}.");

    private static void RequireInvitee(InvitationRecord invitation, UserFacts user)
    {
        if (!string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorCodes.InvitationEmailMismatch, "This invitation was sent to another email address.");
        }
    }

    private InvitationRecord RequireActionable(InvitationRecord invitation)
    {
        var now = clock.GetUtcNow();
        return invitation.IsActionableAt(now)
            ? invitation
            : throw new DomainException(ErrorCodes.InvitationNotActionable,
                $"The invitation is {invitation.StateAt(now).ToString().ToLowerInvariant()}; it can no longer be used.",
                new Dictionary<string, object?> { ["state"] = invitation.StateAt(now).ToString().ToLowerInvariant() });
    }

    private async Task<InvitationRecord> FindInvitationAsync(Guid invitationId)
    {
        var invitation = await store.GetInvitationAsync(invitationId);
        return invitation is not null && invitation.TeamId == TeamId
            ? invitation
            : throw new DomainException(ErrorCodes.InvitationNotFound, "Invitation not found.",
                new Dictionary<string, object?> { ["invitation_id"] = invitationId });
    }

    private static DomainException MemberNotFound(Guid userId) =>
        new(ErrorCodes.MemberNotFound, "That user is not a member of the team.", new Dictionary<string, object?> { ["user_id"] = userId });

    private async Task<TeamSnapshot?> LoadAsync()
    {
        _state = await store.LoadAsync(TeamId);
        _loaded = true;
        return _state;
    }

    private async Task<TeamSnapshot> RequireTeamAsync()
    {
        if (!_loaded)
        {
            await LoadAsync();
        }
        return _state ?? throw AccountErrors.TeamNotFound(TeamId);
    }

    /// <summary>The team exists and the actor is a member (else 404: invisible), and the actor's role allows the action (else 403).</summary>
    private async Task<TeamSnapshot> RequireActorAsync(Guid actorId, TeamAction action)
    {
        var state = await RequireTeamAsync();
        var role = state.Members.FirstOrDefault(m => m.UserId == actorId)?.Role ?? throw AccountErrors.TeamNotFound(TeamId);
        if (!TeamPermissions.Allows(role, action))
        {
            throw AccountErrors.InsufficientRole($"Your role ({role.ToString().ToLowerInvariant()}) does not allow this action.");
        }
        return state;
    }
}
