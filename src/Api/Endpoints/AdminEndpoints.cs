using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Operator endpoints behind <c>FRAMECAST_ADMIN_TOKEN</c>.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin").WithTags("Admin");
        group.MapPost("/credits", AdjustCreditsAsync)
            .WithSummary("Grant (or, negative, debit) credits to an owner URN's pool, with a reason; never below zero");
        return routes;
    }

    /// <summary>401 unless the request carries <c>Authorization: Bearer $FRAMECAST_ADMIN_TOKEN</c>.</summary>
    public static void RequireAdmin(HttpContext context, AuthOptions options)
    {
        var presented = AdminTokenAuthentication.PresentedToken(context.Request.Headers.Authorization.ToString());
        if (presented is null || !AdminTokenAuthentication.Matches(presented, options.AdminToken))
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "The admin token is missing or wrong.");
        }
    }

    private static async Task<Ok<AdminCreditsResponse>> AdjustCreditsAsync(AdminCreditsRequest body, HttpContext context, AuthOptions options, IGrainFactory grains)
    {
        RequireAdmin(context, options);
        // The pool grain is the balance's only writer; membership URNs are billed to their team (spec 07 §11).
        var change = await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(OwnerUrn.Parse(body.Owner)).Key)
            .AdjustCreditsAsync(body.Amount, body.Reason, null);
        return TypedResults.Ok(new AdminCreditsResponse(change.Owner, change.Delta, change.BalanceAfter, change.Reason, change.LedgerId, change.CreatedAt));
    }
}
