using Framecast.Api.Auth;
using Framecast.Api.SystemAssets;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.SystemAssets;
using Framecast.Silo.ObjectStorage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>list_system_assets and get_system_asset (spec 04 §8), answered from the catalog each silo loaded at start.</summary>
public static class SystemAssetEndpoints
{
    public static IEndpointRouteBuilder MapSystemAssetEndpoints(this IEndpointRouteBuilder routes)
    {
        var assets = routes.MapGroup("/v1/system-assets").WithTags("System assets");
        assets.MapGet("/", List).WithSummary("The built-in audio catalog, by category then name; filters category, tags (any), search");
        assets.MapGet("/{id}", Get).WithSummary("One built-in audio asset with a preview URL presigned for 24 hours");
        return routes;
    }

    private static Ok<List<SystemAssetResponse>> List(
        Caller caller, AccessPolicy policy, SystemAssetCatalog catalog, string? category, string[]? tags, string? search)
    {
        policy.Authorize(caller, Operation.ListSystemAssets);
        if (category is not null && !SystemAssetCategories.IsKnown(category))
        {
            throw new DomainException(ErrorCodes.ValidationError, $"'category' must be one of {string.Join(", ", SystemAssetCategories.All)}.",
                new Dictionary<string, object?> { ["field"] = "category" });
        }
        // Repeated (?tags=a&tags=b) or comma-separated (?tags=a,b), or both.
        var wanted = (tags ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        var matches = catalog.All
            .Where(a => category is null || a.Category == category)
            .Where(a => wanted.Count == 0 || a.Tags.Any(wanted.Contains))
            .Where(a => string.IsNullOrEmpty(search)
                || a.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || a.Description.Contains(search, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(matches.Select(SystemAssetResponse.From).ToList());
    }

    private static Ok<SystemAssetDetailResponse> Get(string id, Caller caller, AccessPolicy policy, SystemAssetCatalog catalog, ObjectStore store)
    {
        policy.Authorize(caller, Operation.GetSystemAsset);
        // A malformed id is just one the catalog does not have.
        var asset = catalog.FindById(id)
            ?? throw new DomainException(ErrorCodes.SystemAssetNotFound, "No such system asset.", new Dictionary<string, object?> { ["asset_id"] = id });
        var previewUrl = store.PresignGet(store.Options.SystemBucket, asset.S3Key, SystemAssetDetailResponse.PreviewUrlLifetime);
        return TypedResults.Ok(SystemAssetDetailResponse.From(asset, previewUrl));
    }
}
