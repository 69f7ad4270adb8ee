using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Assets;

/// <summary>
/// One storage pool (a user's personal storage or a team's), the only writer of its asset rows and of its
/// ephemeral_storage_bytes. Its turns serialize the quota check against the inserts; the store also locks the
/// pool's row, so even a duplicate activation cannot overfill it. Usage is measured inside that lock rather than
/// cached, because pending reservations lapse with time.
/// </summary>
public sealed class StoragePoolGrain(
    IAssetStore store, IAssetObjectStore objects, StorageQuotaOptions quotas, ILogger<StoragePoolGrain> logger) : Grain, IStoragePoolGrain
{
    private CreditPool _pool;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pool = CreditPool.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<AssetRecord> CreateUploadAsync(NewUpload upload)
    {
        if (CreditPool.ForOwner(upload.Owner) != _pool)
        {
            throw new InvalidOperationException($"{upload.Owner} does not store into pool {_pool.Key}.");
        }
        return store.CreateAsync(_pool, upload, AssetLimits.UploadUrlLifetime, usage => Refusal(usage, upload.SizeBytes));
    }

    private DomainException? Refusal(PoolUsage usage, long size)
    {
        var quota = quotas.QuotaFor(usage);
        var used = usage.StoredBytes + usage.PendingBytes;
        return used + size <= quota
            ? null
            : new DomainException(ErrorCodes.StorageQuotaExceeded,
                $"This upload ({size} bytes) does not fit: {used} of the {quota} bytes of this storage are used or reserved by pending uploads.",
                new Dictionary<string, object?>
                {
                    ["quota_bytes"] = quota,
                    ["stored_bytes"] = usage.StoredBytes,
                    ["pending_bytes"] = usage.PendingBytes,
                    ["requested_bytes"] = size,
                });
    }

    public async Task<AssetRecord> ConfirmAsync(Guid assetId, Guid callerId, ObservedUpload observed)
    {
        var asset = await FindOwnAsync(assetId);
        if (asset.UploadedBy != callerId)
        {
            throw new DomainException(ErrorCodes.Forbidden, "Only the user who asked for the upload URL may confirm the upload.");
        }
        RequirePending(asset);
        if (!observed.Exists)
        {
            // Nothing wrong was observed yet, only nothing: the upload URL may still be used, so the asset stays pending.
            throw Verification(asset, "object_missing", "No object has been uploaded to the upload URL yet.");
        }
        var problem = !AssetLimits.WithinTolerance(asset.SizeBytes, observed.SizeBytes)
            ? ("size_mismatch", $"The uploaded object has {observed.SizeBytes} bytes; {asset.SizeBytes} were declared (±5 % allowed).")
            : !ContentSniffer.Matches(asset.ContentType, observed.Head)
                ? ("content_type_mismatch", $"The uploaded bytes are not {asset.ContentType} (they look like {ContentSniffer.Detect(observed.Head) ?? "none of the allowed types"}).")
                : default((string Reason, string Message)?);
        if (problem is { } failed)
        {
            if (await store.MarkFailedAsync(asset.Id, failed.Reason) is null)
            {
                throw NotPending(await FindOwnAsync(assetId));
            }
            throw Verification(asset, failed.Reason, failed.Message);
        }
        var ready = await store.MarkReadyAsync(_pool, asset.Id) ?? throw NotPending(await FindOwnAsync(assetId));
        await TellOwnerAsync();
        if (_pool.Kind == CreditPoolKind.Team)
        {
            // One-way, after the commit: the team's asset_upload automations never slow or fail a confirm.
            _ = GrainFactory.GetGrain<IAutomationFanoutGrain>(0).AssetConfirmedAsync(_pool.Id, ready);
        }
        return ready;
    }

    public async Task<bool> DeleteAsync(Guid assetId)
    {
        if (await store.DeleteAsync(_pool, assetId) is not { } deleted)
        {
            return false;
        }
        await DeleteObjectsAsync([deleted]);
        if (deleted.Status == AssetStatus.Ready)
        {
            await TellOwnerAsync();
        }
        return true;
    }

    public async Task<int> DeleteProjectAssetsAsync(Guid projectId)
    {
        var deleted = await store.DeleteProjectAssetsAsync(_pool, projectId);
        await DeleteObjectsAsync(deleted);
        if (deleted.Any(a => a.Status == AssetStatus.Ready))
        {
            await TellOwnerAsync();
        }
        return deleted.Count;
    }

    /// <summary>The counter is on the user's or team's row, which their grains answer from memory: they reload.</summary>
    private Task TellOwnerAsync() => _pool.Kind == CreditPoolKind.User
        ? GrainFactory.GetGrain<IUserGrain>(_pool.Id).RefreshAsync()
        : GrainFactory.GetGrain<ITeamGrain>(_pool.Id).RefreshAsync();

    /// <summary>After the commit: an object left behind costs storage, a row without its object would be a broken asset.</summary>
    private async Task DeleteObjectsAsync(IReadOnlyList<AssetRecord> deleted)
    {
        foreach (var asset in deleted)
        {
            try
            {
                await objects.DeleteAsync(asset.S3Key);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Deleted asset {AssetId} but not its object {Key}", asset.Id, asset.S3Key);
            }
        }
    }

    private async Task<AssetRecord> FindOwnAsync(Guid assetId) =>
        await store.FindAsync(assetId) is { } asset && CreditPool.ForOwner(asset.Owner) == _pool
            ? asset
            : throw new DomainException(ErrorCodes.AssetNotFound, "No such asset.", new Dictionary<string, object?> { ["asset_id"] = assetId });

    private static void RequirePending(AssetRecord asset)
    {
        if (asset.Status != AssetStatus.Pending)
        {
            throw NotPending(asset);
        }
    }

    private static DomainException NotPending(AssetRecord asset) =>
        new(ErrorCodes.AssetNotPending, $"The asset is {asset.Status.ToDb()}; only a pending upload can be confirmed.",
            new Dictionary<string, object?> { ["status"] = asset.Status.ToDb() });

    private static DomainException Verification(AssetRecord asset, string reason, string message) =>
        new(ErrorCodes.UploadVerificationFailed, message, new Dictionary<string, object?> { ["reason"] = reason, ["asset_id"] = asset.Id });
}
