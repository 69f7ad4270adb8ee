namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>What a member may do to a team's resources (spec 05 §2). Checked by the API before a call and by
/// the team grain inside its turn.</summary>
public enum TeamAction
{
    ViewTeam,
    UpdateTeam,
    DeleteTeam,
    ViewMembers,
    ChangeMemberRole,
    RemoveMember,
    Leave,
    ViewInvitations,
    Invite,
    RevokeInvitation,
    ResendInvitation,
    ViewProjects,
    CreateProject,
    EditProject,
    DeleteProject,
    ArchiveProject,
    Render,
    CancelAnyJob,
    CloneJob,
    ViewAssets,
    UploadAssets,
    DeleteAnyAsset,
    ManageWebhooks,
    UseOwnerUrn,
}

/// <summary>The role × action matrix of spec 05 §2, in one place.</summary>
public static class TeamPermissions
{
    public static bool Allows(TeamRole role, TeamAction action) => action switch
    {
        TeamAction.ViewTeam or TeamAction.ViewMembers or TeamAction.Leave or TeamAction.ViewProjects or TeamAction.ViewAssets => true,
        TeamAction.DeleteTeam => role == TeamRole.Owner,
        TeamAction.UpdateTeam or TeamAction.ChangeMemberRole or TeamAction.RemoveMember or TeamAction.ViewInvitations
            or TeamAction.Invite or TeamAction.RevokeInvitation or TeamAction.ResendInvitation or TeamAction.DeleteProject
            or TeamAction.ArchiveProject or TeamAction.CancelAnyJob or TeamAction.DeleteAnyAsset or TeamAction.ManageWebhooks
            => role is TeamRole.Owner or TeamRole.Admin,
        TeamAction.CreateProject or TeamAction.EditProject or TeamAction.Render or TeamAction.CloneJob or TeamAction.UploadAssets
            or TeamAction.UseOwnerUrn => role is TeamRole.Owner or TeamRole.Admin or TeamRole.Member,
        _ => false,
    };

    /// <summary>Order for member lists: owner, admin, member, viewer.</summary>
    public static int Rank(TeamRole role) => (int)role;
}
