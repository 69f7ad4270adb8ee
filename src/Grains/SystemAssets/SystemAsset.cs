namespace Framecast.Grains.SystemAssets;

/// <summary>A built-in audio file of the catalog (spec 08 §4). <see cref="Name"/> is the identifier part of the id.</summary>
public sealed record SystemAsset(
    string Id,
    string Category,
    string Name,
    string Description,
    decimal? DurationSeconds,
    IReadOnlyList<string> Tags,
    DateTimeOffset? DeprecatedAt = null)
{
    public string Urn => SystemAssetId.ToUrn(Id);

    public bool IsDeprecated => DeprecatedAt is not null;
}
