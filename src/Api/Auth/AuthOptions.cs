using System.Text;
using Framecast.Silo.Hosting;

namespace Framecast.Api.Auth;

/// <summary>Authentication settings (all in .env.example).</summary>
public sealed record AuthOptions
{
    public const string LocalJwtSecret = "framecast-local-development-jwt-secret-change-me";
    public const string LocalAdminToken = "framecast-local-admin-token";

    public string JwtSecret { get; init; } = LocalJwtSecret;

    public string JwtAudience { get; init; } = "authenticated";

    /// <summary>Checked only when set (an external provider's issuer); the embedded provider issues this value.</summary>
    public string? JwtIssuer { get; init; }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The embedded identity provider (signup and token endpoints). Off when an external provider issues the JWTs.</summary>
    public bool EmbeddedIdentityProvider { get; init; } = true;

    public int MaxFailuresPerAccount { get; init; } = 5;

    public int MaxFailuresPerAddress { get; init; } = 20;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(15);

    public string AdminToken { get; init; } = LocalAdminToken;

    public static AuthOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new AuthOptions();
        var options = new AuthOptions
        {
            JwtSecret = configuration.Text("JWT_SECRET") ?? defaults.JwtSecret,
            JwtAudience = configuration.Text("JWT_AUDIENCE") ?? defaults.JwtAudience,
            JwtIssuer = configuration.Text("JWT_ISSUER"),
            TokenLifetime = int.TryParse(configuration["JWT_TTL_SECONDS"], out var ttl) && ttl > 0 ? TimeSpan.FromSeconds(ttl) : defaults.TokenLifetime,
            EmbeddedIdentityProvider = !bool.TryParse(configuration["AUTH_EMBEDDED_PROVIDER"], out var embedded) || embedded,
            MaxFailuresPerAccount = configuration.PositiveInt("AUTH_MAX_FAILURES_PER_ACCOUNT", defaults.MaxFailuresPerAccount),
            MaxFailuresPerAddress = configuration.PositiveInt("AUTH_MAX_FAILURES_PER_ADDRESS", defaults.MaxFailuresPerAddress),
            FailureWindow = TimeSpan.FromSeconds(configuration.PositiveInt("AUTH_FAILURE_WINDOW_SECONDS", (int)defaults.FailureWindow.TotalSeconds)),
            AdminToken = configuration.Text("FRAMECAST_ADMIN_TOKEN") ?? defaults.AdminToken,
        };
        if (Encoding.UTF8.GetByteCount(options.JwtSecret) < 32)
        {
            throw new InvalidOperationException("JWT_SECRET must be at least 32 bytes long (HS256).");
        }
        return options;
    }
}
