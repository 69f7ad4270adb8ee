using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Framecast.Api.Auth;

/// <summary>HS256 JWTs as an external provider such as Supabase Auth issues them: <c>sub</c> = user id,
/// <c>email</c>, <c>aud</c> = authenticated, with an expiry. The embedded provider issues the same kind.</summary>
public sealed class JwtTokens(AuthOptions options, TimeProvider clock)
{
    public const string EmbeddedIssuer = "framecast";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SymmetricSecurityKey _key = new(Encoding.UTF8.GetBytes(options.JwtSecret));

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId, string email)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.JwtIssuer ?? EmbeddedIssuer,
            Audience = options.JwtAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString("D"),
                ["email"] = email,
                ["role"] = "authenticated",
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The token's user id and email, or null with the reason when it is not valid.</summary>
    public async Task<(Guid UserId, string? Email)?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = options.JwtIssuer is not null,
            ValidIssuer = options.JwtIssuer,
            ValidateAudience = true,
            ValidAudience = options.JwtAudience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } exp && exp > clock.GetUtcNow().UtcDateTime.AddSeconds(-30) && (notBefore is null || notBefore <= clock.GetUtcNow().UtcDateTime.AddSeconds(30)),
        });
        if (!result.IsValid)
        {
            return null;
        }
        var identity = result.ClaimsIdentity;
        return Guid.TryParse(identity.FindFirst("sub")?.Value, out var userId)
            ? (userId, identity.FindFirst("email")?.Value ?? identity.FindFirst(ClaimTypes.Email)?.Value)
            : null;
    }
}
