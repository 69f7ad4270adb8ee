using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Storyboards;

namespace Framecast.Silo.Storage.Assets;

/// <summary>Uploaded assets as storyboard validation sees them: one query for the ids the storyboard names, within
/// the owners its scope allows; whatever else is left out and reported as missing.</summary>
public sealed class UploadedAssetLookup(AssetQueries queries) : IStoryboardAssetLookup
{
    public async Task<IReadOnlyDictionary<Guid, StoryboardAssetInfo>> FindAsync(
        IReadOnlyCollection<Guid> ids, AssetLookupScope scope, CancellationToken cancellationToken)
    {
        var owners = await scope.OwnersAsync();
        var found = await queries.FindAsync(ids, [.. owners.Select(o => o.ToString())], cancellationToken);
        return found.ToDictionary(a => a.Id, a => new StoryboardAssetInfo(a.Id, a.ContentType, a.Status.ToDb()));
    }
}
