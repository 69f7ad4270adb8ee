using Framecast.Api.Auth;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Storyboards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>validate_spec and estimate_spec (spec 04 §11): the body is the storyboard itself, JSON or YAML.</summary>
public static class SpecEndpoints
{
    public static IEndpointRouteBuilder MapSpecEndpoints(this IEndpointRouteBuilder routes)
    {
        var spec = routes.MapGroup("/v1/spec").WithTags("Storyboards");
        spec.MapPost("/validate", ValidateAsync).WithName("ValidateStoryboard").WithSummary("Every error and warning of a storyboard, with its JSON path")
            .Accepts<object>("application/json", "application/yaml");
        spec.MapPost("/estimate", EstimateAsync).WithName("EstimateStoryboard").WithSummary("Duration, credits and generation time of a storyboard")
            .Accepts<object>("application/json", "application/yaml");
        return routes;
    }

    private static async Task<Ok<ValidationResultResponse>> ValidateAsync(
        Caller caller, HttpRequest request, StoryboardValidator validator, IStoryboardAssetLookup assets, OwnerAccess owners,
        CancellationToken cancellationToken)
    {
        var document = await ReadAsync(request, cancellationToken);
        var result = await validator.ValidateAsync(document, assets, Scope(caller, owners), cancellationToken);
        return TypedResults.Ok(new ValidationResultResponse(result.Valid, result.Errors, result.Warnings));
    }

    /// <summary>
    /// The body is the bare storyboard, so <paramref name="owner"/> is a query parameter. It defaults as generate's does
    /// and is refused as generate refuses it; its credit source's balance only adds a warning (spec 04 §11.2).
    /// </summary>
    private static async Task<Ok<StoryboardEstimate>> EstimateAsync(
        Caller caller, HttpRequest request, StoryboardValidator validator, StoryboardEstimator estimator, IStoryboardAssetLookup assets,
        OwnerAccess owners, IGrainFactory grains, string? owner, CancellationToken cancellationToken)
    {
        var billed = owner is null ? OwnerAccess.DefaultOwner(caller) : OwnerUrn.Parse(owner);
        await owners.RequireUseAsync(caller, billed);
        var document = await ReadAsync(request, cancellationToken);
        (await validator.ValidateAsync(document, assets, Scope(caller, owners), cancellationToken)).EnsureValid();
        var balance = await grains.GetGrain<ICreditPoolGrain>(CreditPool.For(billed).Key).GetBalanceAsync();
        return TypedResults.Ok(estimator.Estimate(document, balance));
    }

    /// <summary>No job yet, so no owner: any upload the caller can access resolves.</summary>
    private static AssetLookupScope Scope(Caller caller, OwnerAccess owners) => new(() => owners.AccessibleUrnsAsync(caller));

    private static async Task<StoryboardDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return StoryboardDocument.Parse(await reader.ReadToEndAsync(cancellationToken), request.ContentType);
    }
}

/// <summary>The validation response (spec 06 §4) with <c>valid</c> first.</summary>
public sealed record ValidationResultResponse(bool Valid, IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings);
