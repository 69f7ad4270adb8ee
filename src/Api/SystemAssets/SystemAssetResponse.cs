using Framecast.Grains.SystemAssets;

namespace Framecast.Api.SystemAssets;

/// <summary>A catalog entry as GET /v1/system-assets lists it (spec 08 §4): every field but the storage key, no URL.</summary>
public sealed record SystemAssetResponse(
    string Id,
    string Urn,
    string Category,
    string Name,
    string Description,
    decimal? DurationSeconds,
    string ContentType,
    long SizeBytes,
    IReadOnlyList<string> Tags,
    DateTimeOffset? DeprecatedAt,
    DateTimeOffset CreatedAt)
{
    public static SystemAssetResponse From(SystemAsset asset) => new(
        asset.Id, asset.Urn, asset.Category, asset.Name, asset.Description, asset.DurationSeconds, asset.ContentType,
        asset.SizeBytes, asset.Tags, asset.DeprecatedAt, asset.CreatedAt);
}

/// <summary>One entry as GET /v1/system-assets/{id} answers it: the same fields and a preview URL presigned for 24 hours (spec 07 §9).</summary>
public sealed record SystemAssetDetailResponse(
    string Id,
    string Urn,
    string Category,
    string Name,
    string Description,
    decimal? DurationSeconds,
    string ContentType,
    long SizeBytes,
    IReadOnlyList<string> Tags,
    DateTimeOffset? DeprecatedAt,
    DateTimeOffset CreatedAt,
    string PreviewUrl)
{
    public static readonly TimeSpan PreviewUrlLifetime = TimeSpan.FromHours(24);

    public static SystemAssetDetailResponse From(SystemAsset asset, string previewUrl) => new(
        asset.Id, asset.Urn, asset.Category, asset.Name, asset.Description, asset.DurationSeconds, asset.ContentType,
        asset.SizeBytes, asset.Tags, asset.DeprecatedAt, asset.CreatedAt, previewUrl);
}
