using Framecast.Grains.Storyboards;

namespace Framecast.Api.Jobs;

/// <summary>
/// Uploaded assets as storyboard validation sees them. Uploads are not part of this release, so
/// no id resolves and a storyboard that names one is told it is missing (system assets work).
/// </summary>
public sealed class UploadedAssetLookup : IStoryboardAssetLookup
{
    public Task<IReadOnlyDictionary<Guid, StoryboardAssetInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, StoryboardAssetInfo>>(new Dictionary<Guid, StoryboardAssetInfo>());
}
