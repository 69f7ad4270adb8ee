using Framecast.Grains.Webhooks;
using Framecast.Silo.Storage.Webhooks;
using Framecast.Silo.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Silo.Hosting;

public static class WebhookServices
{
    /// <summary>The webhook grains' store and sender, the sender's guarded HTTP client, and the post-commit wake-up.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebhookOptions>(configuration);
        services.AddSingleton<PostgresWebhookStore>();
        services.AddSingleton<IWebhookStore>(sp => sp.GetRequiredService<PostgresWebhookStore>());
        services.AddSingleton<IWebhookSweepStore>(sp => sp.GetRequiredService<PostgresWebhookStore>());
        services.AddSingleton<WebhookQueries>();
        services.AddSingleton<WebhookWakeup>();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        // The attempt's own token bounds it (WEBHOOK_TIMEOUT_MS); the client's timeout would only race it.
        services.AddHttpClient(HttpWebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => HttpWebhookSender.Handler(sp.GetRequiredService<WebhookOptions>()));
        return services;
    }
}
