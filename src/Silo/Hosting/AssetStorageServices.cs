using Framecast.Grains.Assets;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Assets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Silo.Hosting;

/// <summary>What the storage pool grains and the asset reads need: quotas, the asset rows, the uploaded objects.</summary>
public static class AssetStorageServices
{
    public static IServiceCollection AddAssetStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StorageQuotaOptions>(configuration);
        services.AddSingleton<IAssetStore, PostgresAssetStore>();
        services.AddSingleton<IAssetObjectStore, AssetObjects>();
        services.AddSingleton<AssetQueries>();
        return services;
    }
}
