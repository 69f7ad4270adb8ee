using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Automations;
using Framecast.Silo.ObjectStorage;

namespace Framecast.Silo.Automations;

/// <summary><c>trigger.asset.url</c>: a GET of the upload's object, presigned for a day so a queued job can still read it.</summary>
public sealed class PresignedAssetLinks(ObjectStore store) : IAssetLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public string PresignGet(AssetRecord asset) => store.PresignGet(store.Options.OutputsBucket, asset.S3Key, Lifetime);
}
