using Framecast.Api.Auth;
using Framecast.Api.Endpoints;
using Framecast.Api.RateLimiting;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;
using Framecast.Grains.Teams;
using Framecast.Grains.Users;
using Framecast.Silo.Hosting;
using Framecast.Silo.Storage.Accounts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Framecast.Api.Hosting;

/// <summary>Accounts and auth: the user and team grains with their stores, authentication (JWT and API keys),
/// the access policy, per-tier rate limits, and the account endpoints.</summary>
public static class AccountsComposition
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(AuthOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton(RateLimitOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton<AccountsDb>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<ITeamStore, PostgresTeamStore>();
        services.AddSingleton<AuthStore>();
        services.AddGrain<IUserGrain, UserGrain>();
        services.AddGrain<ITeamGrain, TeamGrain>();
        services.AddSingleton<JwtTokens>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<OwnerAccess>();
        services.AddSingleton<FixedWindowCounters>();
    }

    /// <summary>Authentication, then the rate limit (per user, so after it). After the error handlers, before the endpoints.</summary>
    public static void UseAccounts(this WebApplication app)
    {
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapTeamEndpoints();
        app.MapInvitationEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAdminAccountEndpoints();
    }
}
