namespace Framecast.Grains.Abstractions.Assets;

/// <summary>
/// The single writer of one storage pool: the asset_files rows of its owners and the ephemeral_storage_bytes of
/// its user or team, so the quota check and the insert of concurrent uploads cannot interleave. Keyed by
/// <see cref="Jobs.CreditPool.Key"/> of the asset's owner ("user:{id}" or "team:{id}").
/// </summary>
[Alias("framecast.IStoragePoolGrain")]
public interface IStoragePoolGrain : IGrainWithStringKey
{
    /// <summary>Checks the quota and inserts the pending row (409 STORAGE_QUOTA_EXCEEDED when it would not fit).</summary>
    Task<AssetRecord> CreateUploadAsync(NewUpload upload);

    /// <summary>
    /// Verifies the observed object against the declared size and type: ready (and the counter up by the size, in
    /// one transaction) or failed with 422 UPLOAD_VERIFICATION_FAILED. A missing object answers 422 and stays pending.
    /// </summary>
    Task<AssetRecord> ConfirmAsync(Guid assetId, Guid callerId, ObservedUpload observed);

    /// <summary>Deletes the row (the counter down by its size if it was ready), then its object. False when there was no such asset.</summary>
    Task<bool> DeleteAsync(Guid assetId);

    /// <summary>Deletes every asset of the project (rows, counter, objects): the project grain calls it before deleting a project.</summary>
    Task<int> DeleteProjectAssetsAsync(Guid projectId);
}
