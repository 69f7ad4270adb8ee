using Framecast.Api.Endpoints;
using Framecast.Api.Hubs;
using Framecast.Api.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.Hosting;
using Framecast.Silo.Storage.Projects;
using Framecast.Silo.Workers;

namespace Framecast.Api.Hosting;

/// <summary>Storyboards, pricing and the job pipeline: grains, stores, the worker backend and the dispatcher.</summary>
public static class JobsComposition
{
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var execution = new JobExecutionOptions
        {
            PollInterval = Milliseconds(configuration, "JOB_POLL_INTERVAL_MS", new JobExecutionOptions().PollInterval),
            LeaseDuration = Milliseconds(configuration, "JOB_LEASE_MS", new JobExecutionOptions().LeaseDuration),
            DispatchInterval = Milliseconds(configuration, "JOB_DISPATCH_INTERVAL_MS", new JobExecutionOptions().DispatchInterval),
            MaxProcessingTime = Milliseconds(configuration, "JOB_MAX_PROCESSING_MS", new JobExecutionOptions().MaxProcessingTime),
        };
        services.AddJobPipeline(execution, WorkerBackendOptions.FromConfiguration(configuration));
        services.AddSingleton(PricingFromConfiguration(configuration));
        services.AddSingleton<StoryboardEstimator>();
        services.AddSingleton<StoryboardValidator>();
        services.AddSingleton<IStoryboardAssetLookup, UploadedAssetLookup>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton(new SseOptions(Milliseconds(configuration, "SSE_KEEPALIVE_MS", TimeSpan.FromSeconds(15))));
        services.AddSingleton<ProjectQueries>();
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Apply(o.PayloadSerializerOptions));
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
            CreditsPerSecond = Decimal(configuration, "PRICING_CREDITS_PER_SECOND", defaults.CreditsPerSecond),
            CreditsPerDialogueLine = (int)Decimal(configuration, "PRICING_CREDITS_PER_DIALOGUE_LINE", defaults.CreditsPerDialogueLine),
            GenerationOverheadSeconds = Decimal(configuration, "PRICING_GENERATION_OVERHEAD_SECONDS", defaults.GenerationOverheadSeconds),
            GenerationSecondsPerVideoSecond = Decimal(configuration, "PRICING_GENERATION_SECONDS_PER_VIDEO_SECOND", defaults.GenerationSecondsPerVideoSecond),
        };
    }

    private static decimal Decimal(IConfiguration configuration, string key, decimal fallback) =>
        decimal.TryParse(configuration[key], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : fallback;

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, TimeSpan fallback) =>
        int.TryParse(configuration[key], out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : fallback;
}
