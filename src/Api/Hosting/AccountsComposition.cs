using Framecast.Api.Auth;
using Framecast.Api.Endpoints;
using Framecast.Api.RateLimiting;
using Framecast.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Framecast.Api.Hosting;

/// <summary>Accounts and auth in front of the user and team grains: authentication (JWT and API keys),
/// the access policy, per-tier rate limits, and the account endpoints.</summary>
public static class AccountsComposition
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<AuthOptions>(builder.Configuration);
        services.AddSettings<RateLimitOptions>(builder.Configuration);
        // The operators' token as a scheme of ASP.NET Core's own, for pages that are not our endpoints (the dashboard).
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminTokenAuthentication>(AdminTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AdminTokenAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(AdminTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        services.AddSingleton<JwtTokens>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<OwnerAccess>();
        services.AddSingleton<BucketSightings>();
    }

    /// <summary>Authentication, then the rate limit (per user, so after it). After the error handlers, before the endpoints.</summary>
    public static void UseAccounts(this WebApplication app)
    {
        app.UseMiddleware<CallerMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapTeamEndpoints();
        app.MapUsageEndpoints();
        app.MapInvitationEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAdminAccountEndpoints();
    }
}
