using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Assets;

namespace Framecast.Silo.ObjectStorage;

/// <summary>The object key layout of spec 07 §6.1.</summary>
public static class StorageKeys
{
    public static string JobPrefix(string ownerUrn, Guid jobId) => $"{OwnerPrefix(ownerUrn)}jobs/{jobId:D}/";

    /// <summary>Spec <c>generate_s3_key</c>: the owner's prefix, <c>assets/{asset_id}/</c> and the cleaned filename.</summary>
    public static string AssetKey(string ownerUrn, Guid assetId, string filename) =>
        $"{OwnerPrefix(ownerUrn)}assets/{assetId:D}/{AssetFilename.ForKey(filename)}";

    public static string OwnerPrefix(string ownerUrn)
    {
        var owner = OwnerUrn.Parse(ownerUrn);
        return owner.Kind switch
        {
            OwnerUrnKind.User => $"user/{owner.UserId:D}/",
            OwnerUrnKind.Team => $"team/{owner.TeamId:D}/shared/",
            _ => $"team/{owner.TeamId:D}/{owner.UserId:D}/",
        };
    }
}
