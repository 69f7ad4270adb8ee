using Framecast.Api.Health;
using Framecast.Silo.Hosting;
using Framecast.Silo.SystemAssets;
using Orleans.Dashboard;

namespace Framecast.Api.Hosting;

/// <summary>The Orleans silo this API process co-hosts, its grains, and the outside services it reaches.</summary>
public static class SiloComposition
{
    public static void AddFramecastBackend(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Before UseOrleans: the migrations must run before the providers read their queries.
        builder.Services.AddFramecastSilo(configuration);
        var options = Settings.Read<SiloOptions>(configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseFramecast(options);
            // Served at /dashboard behind the operators' token (MapOperatorDashboard).
            silo.AddDashboard();
        });
        builder.AddFramecastHealthChecks();
        builder.Services.AddHostedService<BucketBootstrap>();
        // After BucketBootstrap: the previews go into the system bucket it ensures.
        builder.Services.AddHostedService<SystemAssetPreviewSeeder>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(10));
    }
}
