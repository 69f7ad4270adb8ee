using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.SystemAssets;

/// <summary>Whether this silo puts the catalog's preview files into the system bucket (SystemAssetPreviewSeeder).</summary>
public sealed class SystemAssetPreviewOptions
{
    /// <summary>On for the local and test stacks; off where the system bucket is managed elsewhere.</summary>
    [ConfigurationKeyName("SYSTEM_ASSETS_SEED_PREVIEWS")]
    public bool SeedPreviews { get; set; } = true;
}
