using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Teams, their members and their invitations (spec 04 §2–§4.4). Every handler authorizes through
/// <see cref="AccessPolicy"/> first; the team grain re-checks the role inside its turn.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder routes)
    {
        var teams = routes.MapGroup("/v1/teams").WithTags("Teams");
        teams.MapGet("", ListAsync).WithName("ListTeams").WithSummary("The caller's teams with the caller's role, by name");
        teams.MapPost("", CreateAsync).WithSummary("Create a team; the caller becomes its owner");
        teams.MapGet("/{teamId}", GetAsync).WithSummary("A team the caller belongs to");
        teams.MapPatch("/{teamId}", UpdateAsync).WithSummary("Change name and settings (owner, admin)");
        teams.MapDelete("/{teamId}", DeleteAsync).WithSummary("Delete a team (owner and sole member, no active jobs)");

        var members = teams.MapGroup("/{teamId}").WithTags("Memberships");
        members.MapGet("/members", ListMembersAsync).WithSummary("Members by role, then name");
        members.MapPatch("/members/{userId}", ChangeRoleAsync).WithSummary("Change a member's role (owner; admin not for or to owner)");
        members.MapDelete("/members/{userId}", RemoveMemberAsync).WithSummary("Remove a member (owner; admin not owners)");
        members.MapPost("/leave", LeaveAsync).WithSummary("Leave the team; the last member's leave deletes it");

        var invitations = teams.MapGroup("/{teamId}/invitations").WithTags("Invitations");
        invitations.MapGet("", ListInvitationsAsync).WithSummary("Every invitation of the team with its state, newest first (owner, admin)");
        invitations.MapPost("", InviteAsync).WithSummary("Invite by email (owner, admin); the answer carries the token to hand on");
        invitations.MapDelete("/{invitationId}", RevokeInvitationAsync).WithSummary("Revoke a pending invitation (owner, admin)");
        invitations.MapPost("/{invitationId}/resend", ResendInvitationAsync).WithSummary("Extend a pending invitation by 7 days and send it again");
        return routes;
    }

    private static async Task<Ok<List<TeamResponse>>> ListAsync(Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.ListTeams);
        var teams = await grains.GetGrain<IUserGrain>(caller.UserId).ListTeamsAsync();
        return TypedResults.Ok(teams.Select(t => TeamResponse.From(t.Team, t.Role)).ToList());
    }

    private static async Task<Created<CreateTeamResponse>> CreateAsync(CreateTeamRequest body, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.CreateTeam);
        StorableText.RequireName("name", body.Name);
        if (body.Slug is { } slug)
        {
            StorableText.RequireName("slug", slug);
        }
        var created = await grains.GetGrain<IUserGrain>(caller.UserId).CreateTeamAsync(body.Name, body.Slug);
        return TypedResults.Created($"/v1/teams/{created.Team.Id:D}", new CreateTeamResponse(TeamResponse.From(created.Team), created.Membership));
    }

    private static async Task<Ok<TeamResponse>> GetAsync(Guid teamId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        var team = await access.AuthorizeTeamAsync(caller, Operation.GetTeam, teamId);
        var usage = await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(OwnerUrn.ForTeam(teamId)).Key).GetUsageAsync();
        return TypedResults.Ok(TeamResponse.From(team.Team, team.RoleOf(caller.UserId)) with { Usage = usage });
    }

    private static async Task<Ok<TeamResponse>> UpdateAsync(Guid teamId, JsonElement body, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        var team = await access.AuthorizeTeamAsync(caller, Operation.UpdateTeam, teamId);
        var patch = PatchBody.From(body, "slug", "id", "credits", "ephemeral_storage_bytes");
        var (_, name) = patch.String("name", AccountLimits.TeamNameMaxLength, nullable: false);
        var (_, settings) = patch.Object("settings");
        var updated = await grains.GetGrain<ITeamGrain>(teamId).UpdateAsync(caller.UserId, new TeamUpdate(name, settings));
        return TypedResults.Ok(TeamResponse.From(updated, team.RoleOf(caller.UserId)));
    }

    private static async Task<NoContent> DeleteAsync(Guid teamId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.DeleteTeam, teamId);
        await grains.GetGrain<ITeamGrain>(teamId).DeleteAsync(caller.UserId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<MemberView>>> ListMembersAsync(Guid teamId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.ListMembers, teamId);
        return TypedResults.Ok(await grains.GetGrain<ITeamGrain>(teamId).ListMembersAsync(caller.UserId));
    }

    private static async Task<Ok<MembershipRecord>> ChangeRoleAsync(Guid teamId, Guid userId, UpdateRoleRequest body, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.ChangeMemberRole, teamId);
        return TypedResults.Ok(await grains.GetGrain<ITeamGrain>(teamId).ChangeRoleAsync(caller.UserId, userId, body.Role));
    }

    private static async Task<NoContent> RemoveMemberAsync(Guid teamId, Guid userId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.RemoveMember, teamId);
        await grains.GetGrain<ITeamGrain>(teamId).RemoveMemberAsync(caller.UserId, userId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LeaveAsync(Guid teamId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.LeaveTeam, teamId);
        await grains.GetGrain<ITeamGrain>(teamId).LeaveAsync(caller.UserId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<InvitationResponse>>> ListInvitationsAsync(Guid teamId, Caller caller, AccessPolicy access, IGrainFactory grains, TimeProvider clock)
    {
        await access.AuthorizeTeamAsync(caller, Operation.ListInvitations, teamId);
        var now = clock.GetUtcNow();
        var invitations = await grains.GetGrain<ITeamGrain>(teamId).ListInvitationsAsync(caller.UserId);
        return TypedResults.Ok(invitations.Select(i => InvitationResponse.From(i, now)).ToList());
    }

    private static async Task<Created<InvitationResponse>> InviteAsync(Guid teamId, CreateInvitationRequest body, Caller caller, AccessPolicy access,
        IGrainFactory grains, TimeProvider clock, HttpRequest request)
    {
        await access.AuthorizeTeamAsync(caller, Operation.CreateInvitation, teamId);
        var invitation = await grains.GetGrain<ITeamGrain>(teamId).InviteAsync(caller.UserId, body.Email, body.Role ?? TeamRole.Member);
        return TypedResults.Created($"/v1/teams/{teamId:D}/invitations/{invitation.Id:D}", InvitationResponse.From(invitation, clock.GetUtcNow(), BaseUrl(request)));
    }

    private static async Task<NoContent> RevokeInvitationAsync(Guid teamId, Guid invitationId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        await access.AuthorizeTeamAsync(caller, Operation.RevokeInvitation, teamId);
        await grains.GetGrain<ITeamGrain>(teamId).RevokeInvitationAsync(caller.UserId, invitationId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<InvitationResponse>> ResendInvitationAsync(Guid teamId, Guid invitationId, Caller caller, AccessPolicy access,
        IGrainFactory grains, TimeProvider clock, HttpRequest request)
    {
        await access.AuthorizeTeamAsync(caller, Operation.ResendInvitation, teamId);
        var invitation = await grains.GetGrain<ITeamGrain>(teamId).ResendInvitationAsync(caller.UserId, invitationId);
        return TypedResults.Ok(InvitationResponse.From(invitation, clock.GetUtcNow(), BaseUrl(request)));
    }

    internal static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
