using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Assets;

/// <summary>
/// Storage of a pool's asset_files rows and its ephemeral_storage_bytes. Each write is one transaction; status
/// changes are conditional on the row still being pending, which fences a rare duplicate activation.
/// </summary>
public interface IAssetStore
{
    Task<AssetRecord?> FindAsync(Guid assetId);

    /// <summary>
    /// Locks the pool's users or teams row, measures its use (pending uploads younger than
    /// <paramref name="pendingWindow"/> count), lets <paramref name="refusal"/> refuse, and inserts the pending row.
    /// Throws 404 when the user or team is gone.
    /// </summary>
    Task<AssetRecord> CreateAsync(CreditPool pool, NewUpload upload, TimeSpan pendingWindow, Func<PoolUsage, DomainException?> refusal);

    /// <summary>pending → ready and the counter up by the size; null when the row was no longer pending.</summary>
    Task<AssetRecord?> MarkReadyAsync(CreditPool pool, Guid assetId);

    /// <summary>pending → failed; null when the row was no longer pending.</summary>
    Task<AssetRecord?> MarkFailedAsync(Guid assetId, string reason);

    /// <summary>Deletes the row and takes its bytes off the counter if it was ready (never below zero); null when absent.</summary>
    Task<AssetRecord?> DeleteAsync(CreditPool pool, Guid assetId);

    /// <summary>The same for every asset of a project owned by this pool; returns what was deleted.</summary>
    Task<IReadOnlyList<AssetRecord>> DeleteProjectAssetsAsync(CreditPool pool, Guid projectId);
}
