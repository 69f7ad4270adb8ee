using System.Text.Json;
using System.Text.Json.Serialization;
using Framecast.Grains.Abstractions.Assets;
using Framecast.Silo.ObjectStorage;

namespace Framecast.Api.Assets;

/// <summary>
/// The AssetFile object of spec 04 §0.7. <c>s3_key</c> is left out: it is the storage layout, which clients never
/// need (they upload and download through presigned URLs) and which would pin the layout into the contract.
/// </summary>
public sealed record AssetResponse(
    Guid Id,
    string Owner,
    Guid UploadedBy,
    Guid? ProjectId,
    string Filename,
    string ContentType,
    long SizeBytes,
    AssetStatus Status,
    JsonElement Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DownloadUrl = null)
{
    public static AssetResponse From(AssetRecord asset) => new(
        asset.Id, asset.Owner, asset.UploadedBy, asset.ProjectId, asset.Filename, asset.ContentType, asset.SizeBytes, asset.Status,
        asset.Metadata, asset.CreatedAt, asset.UpdatedAt);

    /// <summary>get_asset: a ready asset carries a download URL presigned for an hour (spec 07 §9).</summary>
    public static AssetResponse WithDownload(AssetRecord asset, ObjectStore store) => From(asset) with
    {
        DownloadUrl = asset.Status == AssetStatus.Ready
            ? store.PresignGet(store.Options.OutputsBucket, asset.S3Key, AssetLimits.DownloadUrlLifetime)
            : null,
    };
}

/// <summary>create_upload_url's answer: the pending asset and where to PUT its bytes (with the header the URL is signed for).</summary>
public sealed record UploadUrlResponse(AssetResponse Asset, string UploadUrl, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> UploadHeaders);
