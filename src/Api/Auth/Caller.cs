using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Api.Auth;

/// <summary>
/// The authenticated caller of a request: a user signed in with a JWT (every scope) or acting through an API
/// key (its scopes, its owner URN). Endpoints take it as a parameter; a request without valid credentials
/// never reaches them and answers 401 UNAUTHENTICATED.
/// </summary>
public sealed record Caller(Guid UserId, string Email, UserTier Tier, Guid? ApiKeyId, IReadOnlySet<string>? Scopes, OwnerUrn? KeyOwner)
{
    public bool IsApiKey => ApiKeyId is not null;

    public OwnerUrn PersonalUrn => OwnerUrn.ForUser(UserId);

    public bool HasScope(string scope) => !IsApiKey || Scopes is { } held && (held.Contains(Auth.Scopes.All) || held.Contains(scope));

    /// <summary>403 INSUFFICIENT_SCOPE unless the credential holds <paramref name="scope"/> (or <c>*</c>). <c>Scopes.All</c> demands <c>*</c> itself.</summary>
    public void RequireScope(string scope)
    {
        if (!HasScope(scope))
        {
            throw new DomainException(ErrorCodes.InsufficientScope, $"This API key lacks the '{scope}' scope.",
                new Dictionary<string, object?> { ["required_scope"] = scope });
        }
    }

    /// <summary>403 CREATOR_TIER_REQUIRED for starters.</summary>
    public void RequireCreator()
    {
        if (Tier != UserTier.Creator)
        {
            throw new DomainException(ErrorCodes.CreatorTierRequired, "This endpoint is for creators; upgrade with POST /v1/account/upgrade.");
        }
    }

    /// <summary>401 for API keys: the operation needs a signed-in user (JWT).</summary>
    public void RequireJwt()
    {
        if (IsApiKey)
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "This operation needs a signed-in user (JWT); API keys are refused.");
        }
    }

    /// <summary>Minimal-API binding: <c>(Caller caller) => …</c>.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        context.Features.Get<CallerFeature>() is { Caller: { } caller }
            ? ValueTask.FromResult<Caller?>(caller)
            : throw (context.Features.Get<CallerFeature>()?.Failure
                ?? new DomainException(ErrorCodes.Unauthenticated, "Authentication required: send Authorization: Bearer <JWT or API key>."));
}

/// <summary>What authentication concluded for the request: a caller, a failure to report if an endpoint needs one, or neither (anonymous).</summary>
public sealed record CallerFeature(Caller? Caller, DomainException? Failure);
