using System.Text.Json.Serialization;

namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>The User response object (spec 04 §0.7).</summary>
public sealed record UserProfile(
    Guid Id,
    string Email,
    string? Name,
    string? AvatarUrl,
    UserTier Tier,
    int Credits,
    long EphemeralStorageBytes,
    DateTimeOffset? UpgradedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A team row. <see cref="SettingsJson"/> is the raw JSON object of <c>settings</c>.</summary>
public sealed record TeamRecord(
    Guid Id,
    string Name,
    string Slug,
    int Credits,
    long EphemeralStorageBytes,
    string SettingsJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record MembershipRecord(Guid Id, Guid TeamId, Guid UserId, TeamRole Role, DateTimeOffset CreatedAt);

public sealed record MemberUser(Guid Id, string Email, string? Name, string? AvatarUrl);

public sealed record MemberView(Guid Id, Guid TeamId, Guid UserId, TeamRole Role, DateTimeOffset CreatedAt, MemberUser User);

/// <summary>A team the user belongs to, with the user's role in it.</summary>
public sealed record UserTeam(TeamRecord Team, TeamRole Role, DateTimeOffset JoinedAt);

public sealed record InvitationRecord(
    Guid Id,
    Guid TeamId,
    Guid? InvitedBy,
    string Email,
    TeamRole Role,
    [property: JsonIgnore] string Token,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt)
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

public sealed record ApiKeyRecord(
    Guid Id,
    Guid UserId,
    string Owner,
    string Name,
    string KeyPrefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt);

/// <summary>One credit change and the balance it left, as recorded in <c>credit_ledger</c>.</summary>
public sealed record CreditChange(Guid LedgerId, string Owner, int Delta, int BalanceAfter, string Reason, Guid? JobId, DateTimeOffset CreatedAt);
