using System.Text.Json;

namespace Framecast.Grains.SystemAssets;

/// <summary>
/// The read-only catalog of spec 08 §8. <see cref="Default"/> is the shipped catalog, loaded once from the
/// embedded <c>system-assets.json</c>; other instances exist for tests (e.g. deprecated entries).
/// </summary>
public sealed class SystemAssetCatalog
{
    private readonly Dictionary<string, SystemAsset> _byId;

    public SystemAssetCatalog(IEnumerable<SystemAsset> assets)
    {
        _byId = new Dictionary<string, SystemAsset>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            if (!SystemAssetId.TryParse(asset.Id, out var category, out var name) || category != asset.Category || name != asset.Name)
                throw new ArgumentException($"Catalog entry '{asset.Id}' does not match its category and name", nameof(assets));
            if (!_byId.TryAdd(asset.Id, asset))
                throw new ArgumentException($"Catalog entry '{asset.Id}' appears twice", nameof(assets));
        }

        // The order of GET /v1/system-assets (spec 08 §5).
        All = [.. _byId.Values.OrderBy(a => a.Category, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)];
    }

    public static SystemAssetCatalog Default { get; } = LoadEmbedded();

    /// <summary>Every entry, by category then name.</summary>
    public IReadOnlyList<SystemAsset> All { get; }

    public SystemAsset? FindById(string id) => _byId.GetValueOrDefault(id);

    public SystemAsset? FindByUrn(string urn) => SystemAssetId.TryFromUrn(urn, out var id) ? FindById(id) : null;

    public IReadOnlyList<SystemAsset> ListByCategory(string category) =>
        [.. All.Where(a => a.Category == category)];

    private static SystemAssetCatalog LoadEmbedded()
    {
        using var stream = typeof(SystemAssetCatalog).Assembly.GetManifestResourceStream("system-assets.json")
            ?? throw new InvalidOperationException("The embedded system-assets.json is missing");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var assets = JsonSerializer.Deserialize<List<SystemAsset>>(stream, options)
            ?? throw new InvalidOperationException("The embedded system-assets.json is empty");
        return new SystemAssetCatalog(assets);
    }
}
