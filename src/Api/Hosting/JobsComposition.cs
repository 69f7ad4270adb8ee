using Framecast.Api.Endpoints;
using Framecast.Api.Hubs;
using Framecast.Api.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.Hosting;

namespace Framecast.Api.Hosting;

/// <summary>Storyboards, pricing, admission, the SSE streams and the SignalR hub in front of the job grains.</summary>
public static class JobsComposition
{
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton(PricingFromConfiguration(configuration));
        services.AddSingleton<StoryboardEstimator>();
        services.AddSingleton<StoryboardValidator>();
        services.AddSingleton<IStoryboardAssetLookup, UploadedAssetLookup>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton(new SseOptions(configuration.Milliseconds("SSE_KEEPALIVE_MS", TimeSpan.FromSeconds(15))));
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Apply(o.PayloadSerializerOptions));
        services.AddSingleton<HubConnections>();
        services.AddHostedService<JobEventBroadcaster>();
    }

    /// <summary>The job and storyboard endpoints, the worker's callback and the SignalR hub.</summary>
    public static void MapJobs(this WebApplication app)
    {
        app.MapJobEndpoints();
        app.MapSpecEndpoints();
        app.MapProjectRenderEndpoints();
        app.MapSiloAdminEndpoints();
        app.MapWorkerCallbackEndpoints();
        app.MapHub<JobsHub>(JobsHub.Path);
    }

    private static PricingOptions PricingFromConfiguration(IConfiguration configuration)
    {
        var defaults = new PricingOptions();
        return new PricingOptions
        {
            CreditsPerSecond = configuration.NonNegativeDecimal("PRICING_CREDITS_PER_SECOND", defaults.CreditsPerSecond),
            CreditsPerDialogueLine = (int)configuration.NonNegativeDecimal("PRICING_CREDITS_PER_DIALOGUE_LINE", defaults.CreditsPerDialogueLine),
            GenerationOverheadSeconds = configuration.NonNegativeDecimal("PRICING_GENERATION_OVERHEAD_SECONDS", defaults.GenerationOverheadSeconds),
            GenerationSecondsPerVideoSecond = configuration.NonNegativeDecimal("PRICING_GENERATION_SECONDS_PER_VIDEO_SECOND", defaults.GenerationSecondsPerVideoSecond),
        };
    }
}
