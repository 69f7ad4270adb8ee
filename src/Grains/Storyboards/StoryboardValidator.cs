using System.Text.Json;
using Framecast.Grains.SystemAssets;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// <c>validate_spec</c> (spec 06 §3): the JSON Schema, then the rules it cannot express, then the asset references
/// in the caller's context. Every problem is reported, not just the first.
/// </summary>
public sealed class StoryboardValidator(SystemAssetCatalog catalog)
{
    public async Task<ValidationResult> ValidateAsync(
        StoryboardDocument document, IStoryboardAssetLookup assets, AssetLookupScope scope, CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationIssue>(StoryboardSchema.Instance.Evaluate(document.Root));
        var warnings = new List<ValidationIssue>();
        if (document.Root.ValueKind == JsonValueKind.Object)
        {
            StoryboardRules.Check(document.Root, errors, warnings);
            await CheckAssetsAsync(AssetReference.CollectFrom(document.Root), assets, scope, errors, warnings, cancellationToken);
        }

        return new ValidationResult(errors, warnings);
    }

    private async Task CheckAssetsAsync(
        IReadOnlyList<AssetReference> references, IStoryboardAssetLookup assets, AssetLookupScope scope,
        List<ValidationIssue> errors, List<ValidationIssue> warnings, CancellationToken cancellationToken)
    {
        var uploads = new List<(AssetReference Reference, Guid Id)>();
        foreach (var reference in references)
        {
            if (SystemAssetId.IsUrn(reference.AssetId))
                errors.Add(UrnNotAllowed(reference));
            else if (SystemAssetId.HasSystemPrefix(reference.AssetId))
                CheckSystemAsset(reference, errors, warnings);
            else if (Guid.TryParseExact(reference.AssetId, "D", out var id))
                uploads.Add((reference, id));
            else
                errors.Add(new ValidationIssue(reference.Path, ValidationCodes.AssetIdInvalid,
                    $"'{reference.AssetId}' is neither an uploaded asset id (a UUID) nor a system asset id (asset_…)") { Value = reference.AssetId });
        }

        if (uploads.Count == 0)
            return;
        var found = await assets.FindAsync([.. uploads.Select(u => u.Id).Distinct()], scope, cancellationToken);
        foreach (var (reference, id) in uploads)
        {
            if (CheckUpload(reference, found.GetValueOrDefault(id)) is { } error)
                errors.Add(error);
        }
    }

    private void CheckSystemAsset(AssetReference reference, List<ValidationIssue> errors, List<ValidationIssue> warnings)
    {
        if (reference.Kind != AssetReferenceKind.Audio)
        {
            var expected = reference.Kind == AssetReferenceKind.Image ? "an uploaded image" : "an uploaded voice sample";
            errors.Add(new ValidationIssue(reference.Path, ValidationCodes.SystemAssetNotAllowed,
                $"System asset '{reference.AssetId}' cannot be used here: this must be {expected}") { Value = reference.AssetId });
            return;
        }

        var asset = catalog.FindById(reference.AssetId);
        if (asset is null)
        {
            // Offer the category's ids when the category is recognisable: a short, useful list.
            var category = SystemAssetCategories.All.FirstOrDefault(c => reference.AssetId.StartsWith($"{SystemAssetId.IdPrefix}{c}_", StringComparison.Ordinal));
            errors.Add(new ValidationIssue(reference.Path, ValidationCodes.SystemAssetNotFound,
                $"System asset '{reference.AssetId}' does not exist")
            {
                Value = reference.AssetId,
                ValidValues = category is null ? null : [.. catalog.ListByCategory(category).Select(a => a.Id)],
            });
        }
        else if (asset.IsDeprecated)
        {
            warnings.Add(new ValidationIssue(reference.Path, ValidationCodes.SystemAssetDeprecated,
                $"System asset '{asset.Id}' is deprecated and may be removed"));
        }
    }

    private static ValidationIssue UrnNotAllowed(AssetReference reference)
    {
        var message = SystemAssetId.TryFromUrn(reference.AssetId, out var id)
            ? $"Specs take system assets by id: use '{id}' instead of '{reference.AssetId}'"
            : $"Specs take system assets by id (asset_{{category}}_{{name}}), not by URN: '{reference.AssetId}'";
        return new ValidationIssue(reference.Path, ValidationCodes.SystemAssetUrnNotAllowed, message) { Value = reference.AssetId };
    }

    private static ValidationIssue? CheckUpload(AssetReference reference, StoryboardAssetInfo? asset)
    {
        if (asset is null)
            return new ValidationIssue(reference.Path, ValidationCodes.AssetNotFound,
                $"Asset '{reference.AssetId}' does not exist or is not accessible") { Value = reference.AssetId };

        var (prefix, noun) = reference.Kind == AssetReferenceKind.Image ? ("image/", "an image") : ("audio/", "audio");
        if (!asset.ContentType.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return new ValidationIssue(reference.Path, ValidationCodes.AssetWrongType,
                $"Asset '{reference.AssetId}' is {asset.ContentType}, but this must be {noun}") { Value = asset.ContentType };

        return asset.IsReady
            ? null
            : new ValidationIssue(reference.Path, ValidationCodes.AssetNotReady,
                $"Asset '{reference.AssetId}' is {asset.Status}, not ready") { Value = asset.Status };
    }
}
