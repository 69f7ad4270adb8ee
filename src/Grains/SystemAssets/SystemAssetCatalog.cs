namespace Framecast.Grains.SystemAssets;

/// <summary>
/// The read-only catalog of spec 08 §8. Its one source is the <c>system_assets</c> table (seeded by a migration),
/// which each silo reads once at start into the singleton the validator and the endpoints share (spec 08 §1 lets
/// implementations cache it); tests build instances of their own.
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

    /// <summary>Every entry, by category then name.</summary>
    public IReadOnlyList<SystemAsset> All { get; }

    public SystemAsset? FindById(string id) => _byId.GetValueOrDefault(id);

    public SystemAsset? FindByUrn(string urn) => SystemAssetId.TryFromUrn(urn, out var id) ? FindById(id) : null;

    public IReadOnlyList<SystemAsset> ListByCategory(string category) =>
        [.. All.Where(a => a.Category == category)];
}
