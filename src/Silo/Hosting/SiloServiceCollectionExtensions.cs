using Framecast.Grains.Abstractions;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Jobs;
using Framecast.Grains.Metrics;
using Framecast.Grains.Projects;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Teams;
using Framecast.Grains.Users;
using Framecast.Silo.Jobs;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage;
using Framecast.Silo.Storage.Accounts;
using Framecast.Silo.Storage.Assets;
using Framecast.Silo.Storage.Jobs;
using Framecast.Silo.Storage.Projects;
using Framecast.Silo.Storage.SystemAssets;
using Framecast.Silo.Storage.Usage;
using Framecast.Silo.SystemAssets;
using Framecast.Silo.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace Framecast.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// What the grains of a silo need from the outside world, all from settings: the database and its
    /// migrations, the stores and queries, the worker backend, S3, and the cluster's job event fan-out.
    /// Call before UseOrleans, so the migrations run before the providers read their queries.
    /// </summary>
    public static IServiceCollection AddFramecastSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SiloOptions>(configuration);
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<SiloOptions>().ConnectionString).Build());
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrationsAtStart>();
        // After the migrations: the catalog is read once from the table they seed, before any request is served.
        services.AddSingleton<SystemAssetQueries>();
        services.AddSingleton<SystemAssetCatalogLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<SystemAssetCatalogLoader>());
        services.AddSingleton(sp => sp.GetRequiredService<SystemAssetCatalogLoader>().Catalog);
        services.AddSettings<SystemAssetPreviewOptions>(configuration);

        services.AddSettings<ObjectStorageOptions>(configuration);
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<ObjectStorageOptions>()));
        services.AddSingleton<ObjectStore>();

        services.AddSettings<PricingOptions>(configuration);
        services.AddSingleton<StoryboardEstimator>();
        services.AddSingleton<StoryboardValidator>();
        services.AddSingleton<IStoryboardAssetLookup, UploadedAssetLookup>();
        services.AddSingleton<JobAdmitter>();
        services.AddSettings<JobExecutionOptions>(configuration);
        services.AddSettings<WorkerQueueOptions>(configuration);
        services.AddSingleton<IWorkerQueueStore, PostgresWorkerQueueStore>();
        services.AddSettings<WorkerBackendOptions>(configuration);
        services.AddSingleton<WorkerMediaResolver>();
        services.AddHttpClient<IWorkerBackend, RunPodWorkerBackend>(client => client.Timeout = TimeSpan.FromSeconds(30));

        services.AddSingleton<AccountsDb>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<ITeamStore, PostgresTeamStore>();
        services.AddSingleton<AuthStore>();
        services.AddSingleton<ICreditPoolStore, PostgresCreditPoolStore>();
        services.AddSingleton<IJobStore, PostgresJobStore>();
        services.AddSingleton<JobQueries>();
        services.AddSingleton<ProjectQueries>();
        services.AddSingleton<UsageQueries>();
        services.AddSingleton<IProjectStore, PostgresProjectStore>();
        services.AddAssetStorage(configuration);
        services.AddSingleton<JobEventPublisher>();
        services.AddWebhooks(configuration);
        services.AddAutomations(configuration);
        services.AddSingleton<ClusterJobEvents>();
        services.AddSingleton<JobEventFeed>();
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<FramecastMetrics>();
        return services;
    }

    /// <summary>
    /// The Orleans side: clustering, reminders and grain storage on the same PostgreSQL, the serializers,
    /// failure detection, and the grain call filter. <paramref name="endpoints"/> is false where the host
    /// assigns them (the test cluster).
    /// </summary>
    public static ISiloBuilder UseFramecast(this ISiloBuilder silo, SiloOptions options, bool endpoints = true)
    {
        var connectionString = options.ConnectionString;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = options.ServiceId;
            o.ClusterId = options.ClusterId;
        });
        if (endpoints)
        {
            silo.ConfigureEndpoints(options.AdvertisedAddress, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            // Operators find a silo's process by this name's last part (GET /v1/admin/silos).
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = $"framecast-{options.SiloPort}-{Environment.ProcessId}");
        }
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(JobGrain.StorageName, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            // A finished job's checkpoint has no further use: its row goes.
            o.DeleteStateOnClear = true;
        });
        // Pinned before the first write: the default embeds .NET type names in stored rows.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.AddSerializer(serializer => serializer.AddFramecastTypes());
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.ProbeTimeout;
            o.MaxProbeTimeout = options.MaxProbeTimeout;
            o.NumMissedProbesLimit = options.MissedProbesLimit;
            o.TableRefreshTimeout = options.TableRefreshTimeout;
            o.IAmAliveTablePublishTimeout = options.TableRefreshTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = options.IdleTimeout);
        // Job reminders tick every few seconds so that a dead silo's jobs move quickly (JOB_REMINDER_MS).
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.AddIncomingGrainCallFilter<StaleActivationFilter>();
        // Grain calls carry the caller's trace, so a request is one trace through the API, grains, Npgsql and RunPod.
        // Nothing is recorded unless a tracer listens (OTEL_EXPORTER_OTLP_ENDPOINT).
        silo.AddActivityPropagation();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSweepScheduler<IJobSweepGrain>>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSweepScheduler<IWebhookSweepGrain>>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSweepScheduler<IAutomationSweepGrain>>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterJobEvents>());
        return silo;
    }

}
