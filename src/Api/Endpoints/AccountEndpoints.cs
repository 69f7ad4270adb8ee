using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>The caller's own account: profile, upgrade to creator, deletion (spec 04 §1).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/account").WithTags("Account");
        group.MapGet("", GetAsync).WithName("GetAccount").WithSummary("The caller's profile");
        group.MapPatch("", UpdateAsync).WithSummary("Change name and avatar_url");
        group.MapPost("/upgrade", UpgradeAsync).WithSummary("Starter → creator, with a personal team and the welcome project; idempotent");
        group.MapDelete("", DeleteAsync).WithSummary("Delete the account (JWT only)");
        return routes;
    }

    private static async Task<Ok<AccountResponse>> GetAsync(Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.GetProfile);
        var user = await grains.GetGrain<IUserGrain>(caller.UserId).GetAsync()
            ?? throw new DomainException(ErrorCodes.UserNotFound, "User not found.");
        var usage = await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(caller.PersonalUrn).Key).GetUsageAsync();
        return TypedResults.Ok(AccountResponse.From(user, usage));
    }

    private static async Task<Ok<UserProfile>> UpdateAsync(JsonElement body, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.UpdateProfile);
        var patch = PatchBody.From(body, "email", "tier", "credits", "id", "upgraded_at", "ephemeral_storage_bytes");
        var (nameSet, name) = patch.String("name", AccountLimits.UserNameMaxLength, nullable: true);
        var (avatarSet, avatar) = patch.String("avatar_url", AccountLimits.AvatarUrlMaxLength, nullable: true);
        if (avatar is not null && !(Uri.TryCreate(avatar, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw PatchBody.Invalid("avatar_url", "'avatar_url' must be an absolute http(s) URL.");
        }
        return TypedResults.Ok(await grains.GetGrain<IUserGrain>(caller.UserId).UpdateProfileAsync(new ProfileUpdate(nameSet, name, avatarSet, avatar)));
    }

    private static async Task<Ok<UpgradeResponse>> UpgradeAsync(Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.Upgrade);
        var result = await grains.GetGrain<IUserGrain>(caller.UserId).UpgradeAsync();
        return TypedResults.Ok(new UpgradeResponse(result.User, TeamResponse.From(result.Team), result.Membership));
    }

    private static async Task<NoContent> DeleteAsync(Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.DeleteAccount);
        await grains.GetGrain<IUserGrain>(caller.UserId).DeleteAsync();
        return TypedResults.NoContent();
    }
}
