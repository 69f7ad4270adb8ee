using System.Security.Cryptography;
using System.Text;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Storyboards;

namespace Framecast.Grains.Jobs;

/// <summary>
/// The steps every job creation shares: validate the storyboard, price it with the estimate's code and its
/// priority's rule, and ask the owner's credit pool to admit it.
/// </summary>
public sealed class JobAdmitter(IGrainFactory grains, StoryboardValidator validator, StoryboardEstimator estimator, IStoryboardAssetLookup assets)
{
    /// <param name="scope">Whose uploads the storyboard may reference.</param>
    public async Task<AdmissionResult> AdmitAsync(JobRequest request, AssetLookupScope scope, CancellationToken cancellationToken)
    {
        var document = StoryboardDocument.FromJson(request.Spec);
        (await validator.ValidateAsync(document, assets, scope, cancellationToken)).EnsureValid();
        var credits = PriorityPricing.Credits(estimator.Estimate(document).EstimatedCredits, request.Priority);
        var command = new AdmitJobCommand(Guid.NewGuid(), request.Owner.ToString(), request.TriggeredBy, request.ProjectId, document.Root,
            request.Options, credits, request.IdempotencyKey, RequestHash(request, document.Json), request.SourceJobId, request.Priority);
        return await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(request.Owner).Key).AdmitAsync(command);
    }

    /// <summary>What makes two creates "the same request" for an idempotency key (a normal job's hash is as before priorities).</summary>
    private static string RequestHash(JobRequest request, string spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{request.Owner}\n{request.ProjectId}\n{spec}\n{request.Options.GetRawText()}"
            + (request.Priority == JobPriority.Normal ? "" : $"\n{request.Priority.ToDb()}"))));
}
