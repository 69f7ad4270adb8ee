using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Users;
using Framecast.Grains.Accounts;
using Framecast.Silo.Storage.Accounts;

namespace Framecast.Api.Auth;

/// <summary>
/// Turns <c>Authorization: Bearer …</c> into a <see cref="Caller"/>: an <c>sk_live_</c> API key is looked up by
/// its hash on every request (never cached, so revocation and expiry take effect at once on every silo); anything
/// else must be an HS256 JWT, whose unknown user is provisioned as a starter on first use.
/// </summary>
public sealed class CallerResolver(JwtTokens jwt, AuthStore auth, IGrainFactory grains, ILogger<CallerResolver> logger)
{
    public async Task<CallerFeature> ResolveAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return new CallerFeature(null, null);
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return Fail("Send credentials as Authorization: Bearer <JWT or API key>.");
        }
        var token = header[7..].Trim();
        try
        {
            return ApiKeySecrets.LooksLikeKey(token) ? await FromApiKeyAsync(token) : await FromJwtAsync(token);
        }
        catch (DomainException e)
        {
            return new CallerFeature(null, e);
        }
    }

    private async Task<CallerFeature> FromApiKeyAsync(string rawKey)
    {
        var key = rawKey.Length == ApiKeySecrets.RawLength ? await auth.FindApiKeyAsync(ApiKeySecrets.Hash(rawKey)) : null;
        if (key is null)
        {
            return Fail("Unknown API key.");
        }
        if (!key.IsValid)
        {
            return Fail("This API key is revoked or expired.");
        }
        OwnerUrn.TryParse(key.Owner, out var owner);
        return new CallerFeature(new Caller(key.UserId, key.Email, key.Tier, key.KeyId, key.Scopes.ToHashSet(StringComparer.Ordinal), owner), null);
    }

    private async Task<CallerFeature> FromJwtAsync(string token)
    {
        if (await jwt.ValidateAsync(token) is not { } claims)
        {
            return Fail("The token is invalid or expired.");
        }
        var grain = grains.GetGrain<IUserGrain>(claims.UserId);
        var user = await grain.GetIdentityAsync();
        if (user is null)
        {
            if (!EmailAddress.IsValid(claims.Email?.Trim().ToLowerInvariant()))
            {
                return Fail("The token carries no usable email claim to provision the account with.");
            }
            var provisioned = await grain.ProvisionAsync(claims.Email!);
            user = new UserIdentity(provisioned.Id, provisioned.Email, provisioned.Tier);
            logger.LogInformation("Provisioned user {UserId} on first sign-in", user.Id);
        }
        return new CallerFeature(new Caller(user.Id, user.Email, user.Tier, null, null, null), null);
    }

    private static CallerFeature Fail(string message) => new(null, new DomainException(ErrorCodes.Unauthenticated, message));
}

/// <summary>Resolves the caller once per request, before rate limiting and the endpoints.</summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerResolver resolver)
    {
        context.Features.Set(await resolver.ResolveAsync(context));
        await next(context);
    }
}
