using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Automations;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Framecast.Grains.Automations;

/// <summary>The asset_upload fan-out (see <see cref="IAutomationFanoutGrain"/>): one lookup, one one-way call per automation.</summary>
[StatelessWorker]
public sealed class AutomationFanoutGrain(IAutomationStore store, IAssetLinks links, ILogger<AutomationFanoutGrain> logger) : Grain, IAutomationFanoutGrain
{
    public async Task AssetConfirmedAsync(Guid teamId, AssetRecord asset)
    {
        try
        {
            var automations = await store.AssetAutomationsAsync(teamId);
            if (automations.Count == 0)
            {
                return;
            }
            var uploaded = new UploadedAsset(asset.Id, links.PresignGet(asset), asset.Filename, asset.ContentType);
            foreach (var automationId in automations)
            {
                _ = GrainFactory.GetGrain<IAutomationGrain>(automationId).AssetUploadedAsync(uploaded);
            }
        }
        catch (Exception e)
        {
            // Nobody waits for this call: what went wrong is only logged.
            logger.LogWarning(e, "The asset_upload automations of team {TeamId} were not told of asset {AssetId}", teamId, asset.Id);
        }
    }
}
