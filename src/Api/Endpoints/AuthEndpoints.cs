using Framecast.Api.Auth;
using Framecast.Api.Contracts;
using Framecast.Api.Errors;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Users;
using Framecast.Silo.Storage.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>The embedded identity provider: signup (T1) and the token endpoint trading email + password for a JWT.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/auth").WithTags("Auth");
        group.MapPost("/signup", SignupAsync).WithName("SignUp").WithSummary("Register with email and password (embedded identity provider); the user starts as a starter");
        group.MapPost("/token", TokenAsync).WithName("SignIn").Produces<TokenResponse>().WithSummary("Trade email and password for a JWT (HS256, with expiry)");
        return routes;
    }

    private static async Task<Created<UserProfile>> SignupAsync(SignupRequest body, AuthOptions options, AuthStore auth, Passwords passwords, IGrainFactory grains)
    {
        RequireEmbeddedProvider(options);
        var email = EmailAddress.Normalize(body.Email);
        if (body.Password.Length is < AccountLimits.PasswordMinLength or > AccountLimits.PasswordMaxLength)
        {
            throw PatchBody.Invalid("password", $"'password' must have {AccountLimits.PasswordMinLength} to {AccountLimits.PasswordMaxLength} characters.");
        }
        if (await auth.IsEmailRegisteredAsync(email))
        {
            throw new DomainException(ErrorCodes.EmailTaken, "That email is already registered.");
        }
        var userId = Guid.NewGuid();
        await auth.CreateIdentityAsync(userId, email, passwords.Hash(body.Password));
        try
        {
            var user = await grains.GetGrain<IUserGrain>(userId).ProvisionAsync(email);
            return TypedResults.Created("/v1/account", user);
        }
        catch
        {
            await auth.DeleteIdentityAsync(userId);
            throw;
        }
    }

    private static async Task<IResult> TokenAsync(TokenRequest body, HttpContext context, AuthOptions options, AuthStore auth, Passwords passwords,
        JwtTokens tokens, IGrainFactory grains)
    {
        RequireEmbeddedProvider(options);
        var email = body.Email.Trim().ToLowerInvariant();
        if (email.Length > AccountLimits.EmailMaxLength || body.Password.Length > AccountLimits.PasswordMaxLength)
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "Invalid email or password.");
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var failures = await auth.CountFailuresAsync(email, address, options.FailureWindow);
        var lockedUntil = failures.ForAccount >= options.MaxFailuresPerAccount ? failures.AccountFreesAt
            : failures.ForAddress >= options.MaxFailuresPerAddress ? failures.AddressFreesAt
            : null;
        if (lockedUntil is { } until)
        {
            var retryAfter = (int)Math.Max(1, Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorResponses.WriteAsync(context, ErrorCodes.RateLimitExceeded,
                $"Too many failed sign-ins. Retry in {retryAfter} seconds.", retryAfter: retryAfter);
            return Results.Empty;
        }
        var identity = await auth.FindIdentityAsync(email);
        if (!passwords.Verify(identity?.PasswordHash, body.Password, out var rehash))
        {
            await auth.RecordFailureAsync(email, address);
            throw new DomainException(ErrorCodes.Unauthenticated, "Invalid email or password.");
        }
        if (rehash is not null)
        {
            await auth.UpdatePasswordHashAsync(identity!.UserId, rehash);
        }
        var grain = grains.GetGrain<IUserGrain>(identity!.UserId);
        var user = await grain.GetAsync() ?? await grain.ProvisionAsync(identity.Email);
        var (token, expiresAt) = tokens.Issue(user.Id, user.Email);
        return TypedResults.Ok(new TokenResponse(token, "bearer", (int)options.TokenLifetime.TotalSeconds, expiresAt, user));
    }

    private static void RequireEmbeddedProvider(AuthOptions options)
    {
        if (!options.EmbeddedIdentityProvider)
        {
            throw new DomainException(ErrorCodes.NotFound, "The embedded identity provider is disabled; sign in with your identity provider.");
        }
    }
}
