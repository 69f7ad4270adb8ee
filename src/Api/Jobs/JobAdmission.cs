using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Storyboards;

namespace Framecast.Api.Jobs;

/// <summary>
/// The steps every job creation shares (generate, clone, render): validate the storyboard, price it
/// with the estimate's code, and ask the owner's credit pool to admit it.
/// </summary>
public sealed class JobAdmission(
    IGrainFactory grains, StoryboardValidator validator, StoryboardEstimator estimator, IStoryboardAssetLookup assets, OwnerAccess owners)
{
    public async Task<AdmissionResult> AdmitAsync(Caller caller, OwnerUrn owner, JsonElement spec, JsonElement options,
        Guid? projectId, string? idempotencyKey, CancellationToken cancellationToken, Guid? sourceJobId = null)
    {
        var document = StoryboardDocument.FromJson(spec);
        // A job may use the uploads of its own owner (and of that owner's team), as far as the caller can see them.
        var scope = new AssetLookupScope(() => owners.AccessibleUrnsAsync(caller), owner);
        (await validator.ValidateAsync(document, assets, scope, cancellationToken)).EnsureValid();
        var credits = estimator.Estimate(document).EstimatedCredits;
        var command = new AdmitJobCommand(Guid.NewGuid(), owner.ToString(), caller.UserId, projectId, document.Root, options,
            credits, idempotencyKey, RequestHash(owner, document.Json, options, projectId), sourceJobId);
        return await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(owner).Key).AdmitAsync(command);
    }

    /// <summary>What makes two creates "the same request" for an idempotency key.</summary>
    private static string RequestHash(OwnerUrn owner, string spec, JsonElement options, Guid? projectId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\n{projectId}\n{spec}\n{options.GetRawText()}")));
}
