using Framecast.Grains.Automations;
using Framecast.Silo.Automations;
using Framecast.Silo.Storage.Automations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Silo.Hosting;

public static class AutomationServices
{
    /// <summary>The automation grains' settings, store and asset links, and the API's reads.</summary>
    public static IServiceCollection AddAutomations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<AutomationOptions>(configuration);
        services.AddSingleton<IAutomationStore, PostgresAutomationStore>();
        services.AddSingleton<IAssetLinks, PresignedAssetLinks>();
        services.AddSingleton<AutomationQueries>();
        return services;
    }
}
