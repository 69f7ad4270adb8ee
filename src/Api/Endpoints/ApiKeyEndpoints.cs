using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>The caller's own API keys (spec 04 §10). The raw key is shown once, by create; only its hash is stored.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/auth/keys").WithTags("API keys");
        group.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("The caller's keys, newest first (revoked ones included)");
        group.MapPost("", CreateAsync).WithName("CreateApiKey").WithSummary("Create a key; the answer is the only time the raw key is shown");
        group.MapGet("/{keyId}", GetAsync).WithSummary("One of the caller's keys");
        group.MapPatch("/{keyId}", UpdateAsync).WithSummary("Rename a key (owner and scopes are fixed)");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke a key; it stops working at once");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyRecord>>> ListAsync(Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.ListApiKeys);
        return TypedResults.Ok(await grains.GetGrain<IUserGrain>(caller.UserId).ListApiKeysAsync());
    }

    private static async Task<Ok<ApiKeyRecord>> GetAsync(Guid keyId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.GetApiKey);
        return TypedResults.Ok(await grains.GetGrain<IUserGrain>(caller.UserId).GetApiKeyAsync(keyId));
    }

    private static async Task<Created<CreateApiKeyResponse>> CreateAsync(CreateApiKeyRequest body, Caller caller, AccessPolicy access, OwnerAccess owners,
        IGrainFactory grains, TimeProvider clock)
    {
        access.Authorize(caller, Operation.CreateApiKey);
        var name = body.Name ?? "Default";
        if (string.IsNullOrWhiteSpace(name) || name.Length > AccountLimits.ApiKeyNameMaxLength)
        {
            throw PatchBody.Invalid("name", $"'name' must have 1 to {AccountLimits.ApiKeyNameMaxLength} characters.");
        }
        StorableText.RequireName("name", name);
        if (body.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            throw PatchBody.Invalid("expires_at", "'expires_at' must be in the future.");
        }
        var scopes = body.Scopes ?? [Scopes.All];
        if (scopes.Count == 0 || scopes.Any(s => s is null || !Scopes.IsKnown(s)))
        {
            throw new DomainException(ErrorCodes.ValidationError, $"'scopes' must be a non-empty list of: {string.Join(", ", Scopes.Catalog)}.",
                new Dictionary<string, object?> { ["field"] = "scopes" });
        }
        if (scopes.FirstOrDefault(s => !Scopes.AllowedFor(caller.Tier, s)) is { } refused)
        {
            throw new DomainException(ErrorCodes.InsufficientScope, $"Starters cannot hold the '{refused}' scope.",
                new Dictionary<string, object?> { ["scope"] = refused });
        }
        var owner = body.Owner is null ? caller.PersonalUrn : OwnerUrn.Parse(body.Owner);
        await owners.RequireUseAsync(caller, owner);
        var created = await grains.GetGrain<IUserGrain>(caller.UserId).CreateApiKeyAsync(
            new NewApiKey(name, owner.ToString(), scopes.Distinct(StringComparer.Ordinal).ToList(), body.ExpiresAt));
        return TypedResults.Created($"/v1/auth/keys/{created.ApiKey.Id:D}", new CreateApiKeyResponse(created.ApiKey, created.RawKey));
    }

    private static async Task<Ok<ApiKeyRecord>> UpdateAsync(Guid keyId, JsonElement body, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.UpdateApiKey);
        var patch = PatchBody.From(body, "scopes", "owner", "expires_at", "key_prefix", "user_id");
        var grain = grains.GetGrain<IUserGrain>(caller.UserId);
        var (present, name) = patch.String("name", int.MaxValue, nullable: false);
        return TypedResults.Ok(present ? await grain.RenameApiKeyAsync(keyId, name!) : await grain.GetApiKeyAsync(keyId));
    }

    private static async Task<NoContent> RevokeAsync(Guid keyId, Caller caller, AccessPolicy access, IGrainFactory grains)
    {
        access.Authorize(caller, Operation.RevokeApiKey);
        await grains.GetGrain<IUserGrain>(caller.UserId).RevokeApiKeyAsync(keyId);
        return TypedResults.NoContent();
    }
}
