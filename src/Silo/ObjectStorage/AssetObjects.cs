using Framecast.Grains.Assets;

namespace Framecast.Silo.ObjectStorage;

/// <summary>Uploaded objects live in the outputs bucket, beside the job outputs of the same owner.</summary>
public sealed class AssetObjects(ObjectStore store) : IAssetObjectStore
{
    public Task DeleteAsync(string key) => store.DeleteAsync(store.Options.OutputsBucket, key);
}
