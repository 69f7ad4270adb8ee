namespace Framecast.Grains.Assets;

/// <summary>The uploaded objects in the outputs bucket, as far as the storage pool needs them.</summary>
public interface IAssetObjectStore
{
    Task DeleteAsync(string key);
}
