using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Assets;

/// <summary>A storage pool's use as its row lock sees it: the counter, the still-pending reservations, and the
/// user's tier (null for a team).</summary>
public sealed record PoolUsage(long StoredBytes, long PendingBytes, UserTier? Tier);
