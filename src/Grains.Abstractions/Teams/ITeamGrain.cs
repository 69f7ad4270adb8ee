using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Abstractions.Teams;

/// <summary>
/// One team: its settings, memberships and invitations. Every membership change is a turn of
/// this grain, so concurrent role changes and removals are serialized and a team that has members
/// always keeps an owner. Methods taking an actor check the actor's role (spec 05 §2) themselves.
/// </summary>
[Alias("framecast.ITeamGrain")]
public interface ITeamGrain : IGrainWithGuidKey
{
    /// <summary>Another grain committed a change to this team's rows (a member's account went): reload before the next call.</summary>
    [AlwaysInterleave]
    Task RefreshAsync();

    /// <summary>The team and its memberships as stored now, or null when the team does not exist.</summary>
    Task<TeamState?> GetAsync();

    Task<TeamRecord> UpdateAsync(Guid actorId, TeamUpdate update);

    Task DeleteAsync(Guid actorId);

    Task<IReadOnlyList<MemberView>> ListMembersAsync(Guid actorId);

    Task<MembershipRecord> ChangeRoleAsync(Guid actorId, Guid targetUserId, TeamRole role);

    Task RemoveMemberAsync(Guid actorId, Guid targetUserId);

    /// <summary>The actor leaves; when it was the only member the team is deleted in the same transaction.</summary>
    Task LeaveAsync(Guid actorId);

    Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(Guid actorId);

    Task<InvitationRecord> InviteAsync(Guid actorId, string email, TeamRole role);

    Task RevokeInvitationAsync(Guid actorId, Guid invitationId);

    Task<InvitationRecord> ResendInvitationAsync(Guid actorId, Guid invitationId);

    /// <summary>T4/T5: the invitee (whose email must match) joins with the invitation's role; a starter is upgraded first.</summary>
    Task<MembershipRecord> AcceptInvitationAsync(Guid userId, Guid invitationId);

    Task DeclineInvitationAsync(Guid userId, Guid invitationId);
}

[GenerateSerializer, Immutable, Alias("framecast.TeamState")]
public sealed record TeamState([property: Id(0)] TeamRecord Team, [property: Id(1)] IReadOnlyList<MembershipRecord> Members)
{
    public TeamRole? RoleOf(Guid userId) => Members.FirstOrDefault(m => m.UserId == userId)?.Role;
}

/// <summary>A PATCH of a team: null fields stay unchanged. <see cref="SettingsJson"/> is a JSON object.</summary>
[GenerateSerializer, Immutable, Alias("framecast.TeamUpdate")]
public sealed record TeamUpdate([property: Id(0)] string? Name, [property: Id(1)] string? SettingsJson);
