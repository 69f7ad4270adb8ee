using Framecast.LocalWorker.Api;
using Framecast.LocalWorker.Configuration;
using Framecast.LocalWorker.Rendering;
using Framecast.LocalWorker.Storage;
using Framecast.LocalWorker.Webhooks;
using Framecast.LocalWorker.Workflow;

namespace Framecast.LocalWorker;

/// <summary>Builds the worker from explicit settings, so tests can host it in-process on a free port.</summary>
public static class LocalWorkerHost
{
    public static WebApplication Build(WorkerSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(args ?? []);
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole();
        // Request and webhook-client chatter would drown the job lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<FfmpegRenderer>();
        services.AddSingleton<PlaceholderRenderer>();
        services.AddSingleton(_ => S3ClientFactory.Create(settings));
        services.AddSingleton<OutputUploader>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<MediaDownloader>();
        // The downloader bounds each download itself (LOCAL_WORKER_DOWNLOAD_TIMEOUT_MS).
        services.AddHttpClient(MediaDownloader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WorkflowExecutor>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHttpClient(WebhookNotifier.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<JobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());

        var app = builder.Build();
        app.MapRunPodEndpoints();
        return app;
    }
}
