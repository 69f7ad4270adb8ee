using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Abstractions.Users;

/// <summary>Who a credential belongs to: what authentication needs of a user on every request, without the balance.</summary>
[GenerateSerializer, Immutable, Alias("framecast.UserIdentity")]
public sealed record UserIdentity(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] UserTier Tier);
