using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;

namespace Framecast.Api.Auth;

/// <summary>
/// Owner-URN access (spec 04 §0.6, 05 §3, §5.3), backed by the user and team grains. An API key whose owner is a
/// team or membership URN is narrowed to that URN, and only while its user still holds the membership behind it.
/// </summary>
public sealed class OwnerAccess(IGrainFactory grains)
{
    /// <summary>Spec <c>user_accessible_urns</c>: the personal URN, plus the team and own membership URN of every team.</summary>
    public async Task<IReadOnlyList<OwnerUrn>> AccessibleUrnsAsync(Caller caller)
    {
        var urns = new List<OwnerUrn> { caller.PersonalUrn };
        if (caller.Tier == UserTier.Creator)
        {
            foreach (var team in await grains.GetGrain<IUserGrain>(caller.UserId).ListTeamsAsync())
            {
                urns.Add(OwnerUrn.ForTeam(team.Team.Id));
                urns.Add(OwnerUrn.ForMembership(team.Team.Id, caller.UserId));
            }
        }
        if (caller.KeyOwner is { Kind: not OwnerUrnKind.User } keyOwner)
        {
            return urns.Contains(keyOwner) ? [keyOwner] : [];
        }
        return urns;
    }

    /// <summary>Spec <c>user_can_access_owner</c> (read access).</summary>
    public async Task<bool> CanAccessAsync(Caller caller, OwnerUrn owner) => (await AccessibleUrnsAsync(caller)).Contains(owner);

    /// <summary>Spec <c>user_can_use_owner_urn</c>: create or bill under <paramref name="owner"/>. 403 OWNER_NOT_ALLOWED otherwise.</summary>
    public async Task RequireUseAsync(Caller caller, OwnerUrn owner)
    {
        if (caller.KeyOwner is { Kind: not OwnerUrnKind.User } keyOwner && keyOwner != owner)
        {
            throw NotAllowed(owner, $"This API key may only act as {keyOwner}.");
        }
        switch (owner.Kind)
        {
            case OwnerUrnKind.User when owner.UserId == caller.UserId:
                return;
            case OwnerUrnKind.User:
                throw NotAllowed(owner, "A personal owner URN can only be used by that user.");
            case OwnerUrnKind.Membership when owner.UserId != caller.UserId:
                throw NotAllowed(owner, "A membership owner URN can only be used by its own user.");
        }
        if (caller.Tier != UserTier.Creator)
        {
            throw NotAllowed(owner, "Starters can only use their personal owner URN; team and membership URNs need the creator tier.");
        }
        var role = await RoleInTeamAsync(caller.UserId, owner.TeamId!.Value);
        if (role is null || !TeamPermissions.Allows(role.Value, TeamAction.UseOwnerUrn))
        {
            throw NotAllowed(owner, role is null ? "You are not a member of that team." : "Viewers cannot create or bill under a team's owner URNs.");
        }
    }

    public async Task<TeamRole?> RoleInTeamAsync(Guid userId, Guid teamId) =>
        (await grains.GetGrain<ITeamGrain>(teamId).GetAsync())?.RoleOf(userId);

    /// <summary>The owner a create request defaults to: an API key's own owner, else the caller's personal URN.</summary>
    public static OwnerUrn DefaultOwner(Caller caller) => caller.KeyOwner ?? caller.PersonalUrn;

    private static DomainException NotAllowed(OwnerUrn owner, string message) =>
        new(ErrorCodes.OwnerNotAllowed, message, new Dictionary<string, object?> { ["owner"] = owner.ToString() });
}
