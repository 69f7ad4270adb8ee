using System.Text.Json;
using Framecast.Grains.SystemAssets;

namespace Framecast.Grains.Tests.SystemAssets;

/// <summary>
/// Spec 08 §8 transcribed as test data (spec-08-catalog.json). At run time the catalog comes from the system_assets
/// table; the silo tests check that the migration seeds exactly these entries, so the validator's tests here run on
/// the same catalog production has. The storage fields follow the migration's rule: WAV, 44 + 2 × round(d × 16000) bytes.
/// </summary>
internal static class SpecCatalog
{
    public static SystemAssetCatalog Instance { get; } = Load();

    private static SystemAssetCatalog Load()
    {
        using var stream = typeof(SpecCatalog).Assembly.GetManifestResourceStream("spec-08-catalog.json")
            ?? throw new InvalidOperationException("The embedded spec-08-catalog.json is missing");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        return new SystemAssetCatalog(entries.Select(e => new SystemAsset(
            e.Id, e.Category, e.Name, e.Description, e.DurationSeconds, e.Tags, $"assets/{e.Category}/{e.Id}.wav", "audio/wav",
            44 + 2 * (long)Math.Round(e.DurationSeconds * 16_000, MidpointRounding.AwayFromZero), DateTimeOffset.UnixEpoch)));
    }

    private sealed record Entry(string Id, string Category, string Name, string Description, decimal DurationSeconds, string[] Tags);
}
