using Framecast.Grains.Abstractions.Assets;

namespace Framecast.Grains.Abstractions.Automations;

/// <summary>
/// Finds the team's enabled asset_upload automations for a confirmed upload and tells each. A stateless worker
/// called one-way by the storage pool after its commit, so the confirm is neither slowed nor failed by it.
/// </summary>
[Alias("framecast.IAutomationFanoutGrain")]
public interface IAutomationFanoutGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task AssetConfirmedAsync(Guid teamId, AssetRecord asset);
}
