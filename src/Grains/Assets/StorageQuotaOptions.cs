using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Assets;

/// <summary>
/// The byte quota of each storage pool (the spec defines none, 07 §7): stored bytes plus the declared size of
/// uploads still pending within their URL's 15 minutes, plus the new upload, must fit.
/// </summary>
public sealed class StorageQuotaOptions
{
    [ConfigurationKeyName("STORAGE_QUOTA_STARTER_BYTES"), Range(1, long.MaxValue, ErrorMessage = "STORAGE_QUOTA_STARTER_BYTES must be positive.")]
    public long StarterBytes { get; set; } = 1L << 30;

    [ConfigurationKeyName("STORAGE_QUOTA_CREATOR_BYTES"), Range(1, long.MaxValue, ErrorMessage = "STORAGE_QUOTA_CREATOR_BYTES must be positive.")]
    public long CreatorBytes { get; set; } = 10L << 30;

    [ConfigurationKeyName("STORAGE_QUOTA_TEAM_BYTES"), Range(1, long.MaxValue, ErrorMessage = "STORAGE_QUOTA_TEAM_BYTES must be positive.")]
    public long TeamBytes { get; set; } = 50L << 30;

    public long QuotaFor(PoolUsage usage) => usage.Tier switch
    {
        null => TeamBytes,
        Abstractions.Accounts.UserTier.Starter => StarterBytes,
        _ => CreatorBytes,
    };
}
