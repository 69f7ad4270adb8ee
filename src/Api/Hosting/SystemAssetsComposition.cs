using Framecast.Api.Endpoints;

namespace Framecast.Api.Hosting;

/// <summary>The system asset catalog's endpoints. The catalog itself and its preview seeding belong to the silo (AddFramecastSilo).</summary>
public static class SystemAssetsComposition
{
    public static void MapSystemAssets(this WebApplication app) => app.MapSystemAssetEndpoints();
}
