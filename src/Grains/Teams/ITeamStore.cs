using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Users;

namespace Framecast.Grains.Teams;

public sealed record TeamSnapshot(TeamRecord Team, long Version, IReadOnlyList<MembershipRecord> Members);

/// <summary>Another user as the team grain needs it, read across grains: to check its limits and its email. The
/// schema's membership trigger is the backstop for a race with the user's own grain (INV-T7, INV-T8).</summary>
public sealed record UserFacts(Guid Id, string Email, UserTier Tier, int MembershipCount, int OwnedTeamCount);

public sealed record InvitationCounts(int Actionable, int CreatedToday);

/// <summary>An email Framecast would send. No mail service runs: it is recorded in <c>outbound_emails</c> and logged.</summary>
public sealed record OutboundEmail(string Kind, string To, string Subject, string Body);

/// <summary>
/// Storage of the team grain. Every write runs one transaction whose first statement is the version-checked
/// update of the <c>teams</c> row; after the commit, the grains of the users whose memberships changed are told.
/// </summary>
public interface ITeamStore
{
    Task<TeamSnapshot?> LoadAsync(Guid teamId);

    Task<UserFacts?> GetUserFactsAsync(Guid userId);

    Task<Guid?> FindUserIdByEmailAsync(string email);

    Task UpdateAsync(Guid teamId, long expectedVersion, string name, string settingsJson);

    /// <summary>Queued or processing jobs under the team URN or any of its membership URNs.</summary>
    Task<bool> HasActiveJobsAsync(Guid teamId);

    Task DeleteAsync(Guid teamId, long expectedVersion);

    Task<IReadOnlyList<MemberView>> ListMembersAsync(Guid teamId);

    Task ChangeRoleAsync(Guid teamId, long expectedVersion, Guid userId, TeamRole role);

    Task RemoveMemberAsync(Guid teamId, long expectedVersion, Guid userId);

    /// <summary>Removes the membership, or the whole team when <paramref name="deleteTeam"/> (its last member leaves).</summary>
    Task LeaveAsync(Guid teamId, long expectedVersion, Guid userId, bool deleteTeam);

    Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(Guid teamId);

    Task<InvitationRecord?> GetInvitationAsync(Guid invitationId);

    Task<InvitationCounts> CountInvitationsAsync(Guid teamId, DateTimeOffset dayStartUtc, DateTimeOffset now);

    Task<InvitationRecord?> FindActionableInvitationAsync(Guid teamId, string email, DateTimeOffset now);

    /// <summary>Revokes <paramref name="replacing"/> (if any), inserts the invitation and records the email.</summary>
    Task InsertInvitationAsync(Guid teamId, long expectedVersion, InvitationRecord invitation, Guid? replacing, OutboundEmail email);

    /// <summary>Sets revoked_at while actionable; throws 409 INVITATION_NOT_ACTIONABLE otherwise.</summary>
    Task RevokeInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId);

    Task<InvitationRecord> ResendInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, DateTimeOffset expiresAt, OutboundEmail email);

    Task DeclineInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId);

    /// <summary>T4 in one transaction: the membership and accepted_at (while actionable).</summary>
    Task<MembershipRecord> AcceptInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, Guid userId, TeamRole role);
}
