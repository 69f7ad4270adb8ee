using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Framecast.Api.Auth;

/// <summary>Authentication settings (all in .env.example).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string LocalJwtSecret = "framecast-local-development-jwt-secret-change-me";
    public const string LocalAdminToken = "framecast-local-admin-token";

    [ConfigurationKeyName("JWT_SECRET")]
    public string JwtSecret { get; set; } = LocalJwtSecret;

    [ConfigurationKeyName("JWT_AUDIENCE"), Required(AllowEmptyStrings = false, ErrorMessage = "JWT_AUDIENCE must not be empty.")]
    public string JwtAudience { get; set; } = "authenticated";

    /// <summary>Checked only when set (an external provider's issuer); the embedded provider issues this value.</summary>
    [ConfigurationKeyName("JWT_ISSUER")]
    public string? ConfiguredIssuer { get; set; }

    public string? JwtIssuer => ConfiguredIssuer is { Length: > 0 } issuer ? issuer : null;

    [ConfigurationKeyName("JWT_TTL_SECONDS"), Range(1, int.MaxValue, ErrorMessage = "JWT_TTL_SECONDS must be positive.")]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    public TimeSpan TokenLifetime => TimeSpan.FromSeconds(TokenLifetimeSeconds);

    /// <summary>The embedded identity provider (signup and token endpoints). Off when an external provider issues the JWTs.</summary>
    [ConfigurationKeyName("AUTH_EMBEDDED_PROVIDER")]
    public bool EmbeddedIdentityProvider { get; set; } = true;

    [ConfigurationKeyName("AUTH_MAX_FAILURES_PER_ACCOUNT"), Range(1, int.MaxValue, ErrorMessage = "AUTH_MAX_FAILURES_PER_ACCOUNT must be positive.")]
    public int MaxFailuresPerAccount { get; set; } = 5;

    [ConfigurationKeyName("AUTH_MAX_FAILURES_PER_ADDRESS"), Range(1, int.MaxValue, ErrorMessage = "AUTH_MAX_FAILURES_PER_ADDRESS must be positive.")]
    public int MaxFailuresPerAddress { get; set; } = 20;

    [ConfigurationKeyName("AUTH_FAILURE_WINDOW_SECONDS"), Range(1, int.MaxValue, ErrorMessage = "AUTH_FAILURE_WINDOW_SECONDS must be positive.")]
    public int FailureWindowSeconds { get; set; } = 900;

    public TimeSpan FailureWindow => TimeSpan.FromSeconds(FailureWindowSeconds);

    [ConfigurationKeyName("FRAMECAST_ADMIN_TOKEN"), Required(AllowEmptyStrings = false, ErrorMessage = "FRAMECAST_ADMIN_TOKEN must not be empty.")]
    public string AdminToken { get; set; } = LocalAdminToken;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(JwtSecret ?? "") < 32)
        {
            yield return new ValidationResult("JWT_SECRET must be at least 32 bytes long (HS256).");
        }
    }
}
