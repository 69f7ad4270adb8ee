using System.Text.Json.Serialization;

namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>The User response object (spec 04 §0.7).</summary>
[GenerateSerializer, Immutable, Alias("framecast.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? AvatarUrl,
    [property: Id(4)] UserTier Tier,
    [property: Id(5)] int Credits,
    [property: Id(6)] long EphemeralStorageBytes,
    [property: Id(7)] DateTimeOffset? UpgradedAt,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt);

/// <summary>A team row. <see cref="SettingsJson"/> is the raw JSON object of <c>settings</c>.</summary>
[GenerateSerializer, Immutable, Alias("framecast.TeamRecord")]
public sealed record TeamRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Slug,
    [property: Id(3)] int Credits,
    [property: Id(4)] long EphemeralStorageBytes,
    [property: Id(5)] string SettingsJson,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("framecast.MembershipRecord")]
public sealed record MembershipRecord([property: Id(0)] Guid Id, [property: Id(1)] Guid TeamId, [property: Id(2)] Guid UserId, [property: Id(3)] TeamRole Role, [property: Id(4)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("framecast.MemberUser")]
public sealed record MemberUser([property: Id(0)] Guid Id, [property: Id(1)] string Email, [property: Id(2)] string? Name, [property: Id(3)] string? AvatarUrl);

[GenerateSerializer, Immutable, Alias("framecast.MemberView")]
public sealed record MemberView([property: Id(0)] Guid Id, [property: Id(1)] Guid TeamId, [property: Id(2)] Guid UserId, [property: Id(3)] TeamRole Role, [property: Id(4)] DateTimeOffset CreatedAt, [property: Id(5)] MemberUser User);

/// <summary>A team the user belongs to, with the user's role in it.</summary>
[GenerateSerializer, Immutable, Alias("framecast.UserTeam")]
public sealed record UserTeam([property: Id(0)] TeamRecord Team, [property: Id(1)] TeamRole Role, [property: Id(2)] DateTimeOffset JoinedAt);

[GenerateSerializer, Immutable, Alias("framecast.InvitationRecord")]
public sealed record InvitationRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TeamId,
    [property: Id(2)] Guid? InvitedBy,
    [property: Id(3)] string Email,
    [property: Id(4)] TeamRole Role,
    [property: Id(5), JsonIgnore] string Token,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] DateTimeOffset? AcceptedAt,
    [property: Id(8)] DateTimeOffset? DeclinedAt,
    [property: Id(9)] DateTimeOffset? RevokedAt,
    [property: Id(10)] DateTimeOffset CreatedAt)
{
    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : DeclinedAt is not null ? InvitationState.Declined
        : RevokedAt is not null ? InvitationState.Revoked
        : ExpiresAt < now ? InvitationState.Expired
        : InvitationState.Pending;

    public bool IsActionableAt(DateTimeOffset now) =>
        AcceptedAt is null && DeclinedAt is null && RevokedAt is null && ExpiresAt > now;
}

[GenerateSerializer, Immutable, Alias("framecast.ApiKeyRecord")]
public sealed record ApiKeyRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string Owner,
    [property: Id(3)] string Name,
    [property: Id(4)] string KeyPrefix,
    [property: Id(5)] IReadOnlyList<string> Scopes,
    [property: Id(6)] DateTimeOffset? LastUsedAt,
    [property: Id(7)] DateTimeOffset? ExpiresAt,
    [property: Id(8)] DateTimeOffset? RevokedAt,
    [property: Id(9)] DateTimeOffset CreatedAt);

/// <summary>One credit change and the balance it left, as recorded in <c>credit_ledger</c>.</summary>
[GenerateSerializer, Immutable, Alias("framecast.CreditChange")]
public sealed record CreditChange([property: Id(0)] Guid LedgerId, [property: Id(1)] string Owner, [property: Id(2)] int Delta, [property: Id(3)] int BalanceAfter, [property: Id(4)] string Reason, [property: Id(5)] Guid? JobId, [property: Id(6)] DateTimeOffset CreatedAt);
