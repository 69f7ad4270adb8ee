using Framecast.Grains.SystemAssets;
using Framecast.Silo.Storage.SystemAssets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.SystemAssets;

/// <summary>
/// Reads the catalog from <c>system_assets</c> once at start, after the migrations and before anything serves a
/// request, into the <see cref="SystemAssetCatalog"/> singleton. The catalog only changes with a migration, which
/// a deployment applies by starting its silos again.
/// </summary>
public sealed class SystemAssetCatalogLoader(SystemAssetQueries queries, ILogger<SystemAssetCatalogLoader> logger) : IHostedService
{
    private SystemAssetCatalog? _catalog;

    public SystemAssetCatalog Catalog => _catalog
        ?? throw new InvalidOperationException("The system asset catalog is read when the host starts; it has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _catalog = new SystemAssetCatalog(await queries.ListAsync(cancellationToken));
        logger.LogInformation("Loaded {Count} system assets", _catalog.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
