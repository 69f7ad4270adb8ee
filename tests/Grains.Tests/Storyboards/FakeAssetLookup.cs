using Framecast.Grains.Storyboards;

namespace Framecast.Grains.Tests.Storyboards;

/// <summary>The caller's accessible uploads, in memory; records what it was asked for.</summary>
internal sealed class FakeAssetLookup(params StoryboardAssetInfo[] assets) : IStoryboardAssetLookup
{
    public List<IReadOnlyCollection<Guid>> Calls { get; } = [];

    public Task<IReadOnlyDictionary<Guid, StoryboardAssetInfo>> FindAsync(IReadOnlyCollection<Guid> ids, AssetLookupScope scope, CancellationToken cancellationToken)
    {
        Calls.Add(ids);
        IReadOnlyDictionary<Guid, StoryboardAssetInfo> found = assets.Where(a => ids.Contains(a.Id)).ToDictionary(a => a.Id);
        return Task.FromResult(found);
    }
}
