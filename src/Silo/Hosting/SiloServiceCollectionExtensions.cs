using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Membership;
using Framecast.Silo.Messaging;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Reminders;
using Framecast.Silo.Runtime;
using Framecast.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Framecast.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds the grain runtime, its PostgreSQL fabric and the object store to a host.</summary>
    public static IServiceCollection AddFramecastSilo(this IServiceCollection services, SiloOptions options, ObjectStorageOptions storage)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(SiloIdentity.New());
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(DatabaseUrl.ToConnectionString(options.DatabaseUrl));
            return builder.Build();
        });
        RegistryOf(services);
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<IGrainCallFilter, TelemetryCallFilter>();
        services.AddSingleton<IGrainStateStore, PostgresGrainStateStore>();
        services.AddSingleton<GrainStateChanges>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SiloMembership>();
        services.AddSingleton<ReminderTable>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<PostgresEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<PostgresEventBus>());
        services.AddSingleton(storage);
        services.AddSingleton(_ => S3ClientFactory.Create(storage));
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<SiloLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloLifecycle>());
        return services;
    }

    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(this IServiceCollection services)
        where TGrainInterface : IGrain
        where TGrain : Grain, TGrainInterface
    {
        RegistryOf(services).Register(typeof(TGrainInterface), typeof(TGrain));
        return services;
    }

    private static GrainTypeRegistry RegistryOf(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(GrainTypeRegistry))?.ImplementationInstance is GrainTypeRegistry existing)
        {
            return existing;
        }
        var registry = new GrainTypeRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
