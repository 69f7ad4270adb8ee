using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Silo.Storage.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>The invitee's side (spec 04 §4.5–§4.6): accept (a starter is upgraded first) or decline, by id or by token.</summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/invitations").WithTags("Invitations");
        group.MapPost("/accept-token", AcceptByTokenAsync).WithSummary("Accept the invitation a token belongs to");
        group.MapPost("/{invitationId}/accept", AcceptAsync).WithSummary("Accept an invitation sent to the caller's email");
        group.MapPost("/{invitationId}/decline", DeclineAsync).WithSummary("Decline an invitation sent to the caller's email");
        return routes;
    }

    private static async Task<Ok<MembershipRecord>> AcceptAsync(Guid invitationId, Caller caller, AccessPolicy access, AuthStore auth, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.AcceptInvitation);
        var teamId = await auth.FindInvitationTeamAsync(invitationId) ?? throw NotFound();
        return TypedResults.Ok(await grains.GetGrain<ITeamGrain>(teamId).AcceptInvitationAsync(caller.UserId, invitationId));
    }

    private static async Task<Ok<MembershipRecord>> AcceptByTokenAsync(AcceptTokenRequest body, Caller caller, AccessPolicy access, AuthStore auth, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.AcceptInvitation);
        var found = body.Token.Length is > 0 and <= 255 ? await auth.FindInvitationByTokenAsync(body.Token) : null;
        var (invitationId, teamId) = found ?? throw NotFound();
        return TypedResults.Ok(await grains.GetGrain<ITeamGrain>(teamId).AcceptInvitationAsync(caller.UserId, invitationId));
    }

    private static async Task<NoContent> DeclineAsync(Guid invitationId, Caller caller, AccessPolicy access, AuthStore auth, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.DeclineInvitation);
        var teamId = await auth.FindInvitationTeamAsync(invitationId) ?? throw NotFound();
        await grains.GetGrain<ITeamGrain>(teamId).DeclineInvitationAsync(caller.UserId, invitationId);
        return TypedResults.NoContent();
    }

    private static DomainException NotFound() => new(ErrorCodes.InvitationNotFound, "Invitation not found.");
}
