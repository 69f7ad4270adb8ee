using Framecast.Api.Endpoints;

namespace Framecast.Api.Hosting;

/// <summary>Uploaded assets in front of the storage pool grains (whose stores and quotas the silo registers).</summary>
public static class AssetsComposition
{
    public static void MapAssets(this WebApplication app) => app.MapAssetEndpoints();
}
