namespace Framecast.Grains.SystemAssets;

/// <summary>
/// A built-in audio file of the catalog (spec 08 §4), as the <c>system_assets</c> table holds it. <see cref="Name"/> is
/// the identifier part of the id; <see cref="S3Key"/> names its preview file in the system bucket.
/// </summary>
public sealed record SystemAsset(
    string Id,
    string Category,
    string Name,
    string Description,
    decimal? DurationSeconds,
    IReadOnlyList<string> Tags,
    string S3Key,
    string ContentType,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeprecatedAt = null)
{
    public string Urn => SystemAssetId.ToUrn(Id);

    public bool IsDeprecated => DeprecatedAt is not null;
}
