namespace Framecast.Grains.Storyboards;

/// <summary>
/// Resolves the user-uploaded assets a storyboard references, in the caller's context. The implementation
/// returns only the assets owned by one of <see cref="AssetLookupScope.Owners"/> (so only what the caller may
/// access, <c>user_can_access_owner</c>); anything else is left out and reported as missing, exactly like a
/// nonexistent id (spec 06 §3.5 R10).
/// </summary>
public interface IStoryboardAssetLookup
{
    Task<IReadOnlyDictionary<Guid, StoryboardAssetInfo>> FindAsync(IReadOnlyCollection<Guid> ids, AssetLookupScope scope, CancellationToken cancellationToken);
}
