using Framecast.Grains.Abstractions.Assets;

namespace Framecast.Grains.Automations;

/// <summary>A presigned GET URL of an uploaded asset, for <c>trigger.asset.url</c> (the object store lives in the silo).</summary>
public interface IAssetLinks
{
    string PresignGet(AssetRecord asset);
}
