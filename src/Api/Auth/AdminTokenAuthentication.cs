using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Framecast.Api.Auth;

/// <summary>
/// The operators' credential, <c>FRAMECAST_ADMIN_TOKEN</c>, as an ASP.NET Core authentication scheme, so pages
/// that are not our endpoints (the Orleans Dashboard) sit behind it with <c>RequireAuthorization</c>. It accepts
/// <c>Bearer {token}</c> for scripts and HTTP Basic with the token as the password, which a browser asks for.
/// </summary>
public sealed class AdminTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "AdminToken";

    public const string Policy = "Operators";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Runs on every request as the only scheme; a bearer token that is not the admin token is a user's
        // credential (CallerMiddleware's business), so it is no result here rather than a failure worth a log line.
        var header = Request.Headers.Authorization.ToString();
        var presented = PresentedToken(header);
        if (presented is null || !Matches(presented, auth.Value.AdminToken))
        {
            return Task.FromResult(header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                ? AuthenticateResult.Fail("The admin token is wrong.")
                : AuthenticateResult.NoResult());
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Framecast operators\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>Compared as hashes in fixed time, so neither the length nor a prefix of the token leaks.</summary>
    public static bool Matches(string presented, string adminToken) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(adminToken)));

    /// <summary>The token of <c>Bearer t</c>, or the password of <c>Basic base64(user:t)</c>; null for anything else.</summary>
    public static string? PresentedToken(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[6..].Trim(), bytes, out var length))
        {
            return null;
        }
        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':');
        return colon < 0 ? null : pair[(colon + 1)..];
    }
}
