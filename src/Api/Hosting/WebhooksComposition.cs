using Framecast.Api.Endpoints;

namespace Framecast.Api.Hosting;

/// <summary>The webhook endpoints in front of the webhook grains (whose store, sender and settings the silo registers).</summary>
public static class WebhooksComposition
{
    public static void MapWebhooks(this WebApplication app) => app.MapWebhookEndpoints();
}
