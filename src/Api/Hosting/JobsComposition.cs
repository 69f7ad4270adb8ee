using Framecast.Api.Endpoints;
using Framecast.Api.Hubs;
using Framecast.Api.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.Hosting;

namespace Framecast.Api.Hosting;

/// <summary>The caller's admission (the silo prices and admits), the SSE streams and the SignalR hub in front of the job grains.</summary>
public static class JobsComposition
{
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton<JobAdmission>();
        services.AddSingleton<JobWaiter>();
        services.AddSettings<SseOptions>(configuration);
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Apply(o.PayloadSerializerOptions));
        services.AddSingleton<HubConnections>();
        services.AddHostedService<JobEventBroadcaster>();
    }

    /// <summary>The job and storyboard endpoints, the worker's callback and the SignalR hub.</summary>
    public static void MapJobs(this WebApplication app)
    {
        app.MapJobEndpoints();
        app.MapSpecEndpoints();
        app.MapProjectEndpoints();
        app.MapSiloAdminEndpoints();
        app.MapWorkerCallbackEndpoints();
        app.MapHub<JobsHub>(JobsHub.Path);
    }

}
