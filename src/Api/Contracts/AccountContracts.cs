using System.Text.Json;
using System.Text.Json.Serialization;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Usage;

namespace Framecast.Api.Contracts;

/// <summary><c>GET /v1/account</c>: the User object and, beside it, the personal pool's usage this UTC month.</summary>
public sealed record AccountResponse(
    Guid Id,
    string Email,
    string? Name,
    string? AvatarUrl,
    UserTier Tier,
    int Credits,
    long EphemeralStorageBytes,
    DateTimeOffset? UpgradedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    UsagePeriod Usage)
{
    public static AccountResponse From(UserProfile user, UsagePeriod usage) =>
        new(user.Id, user.Email, user.Name, user.AvatarUrl, user.Tier, user.Credits, user.EphemeralStorageBytes, user.UpgradedAt,
            user.CreatedAt, user.UpdatedAt, usage);
}

public sealed record SignupRequest(string Email, string Password);

public sealed record TokenRequest(string Email, string Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, UserProfile User);

public sealed record UpgradeResponse(UserProfile User, TeamResponse Team, MembershipRecord Membership);

public sealed record CreateTeamRequest(string Name, string? Slug = null);

/// <summary>The Team object; <c>role</c> (the caller's) only in list and get.</summary>
public sealed record TeamResponse(
    Guid Id,
    string Name,
    string Slug,
    int Credits,
    long EphemeralStorageBytes,
    JsonElement Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TeamRole? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsagePeriod? Usage = null)
{
    public static TeamResponse From(TeamRecord team, TeamRole? role = null)
    {
        using var settings = JsonDocument.Parse(team.SettingsJson);
        return new TeamResponse(team.Id, team.Name, team.Slug, team.Credits, team.EphemeralStorageBytes, settings.RootElement.Clone(),
            team.CreatedAt, team.UpdatedAt, role);
    }
}

public sealed record CreateTeamResponse(TeamResponse Team, MembershipRecord Membership);

public sealed record UpdateRoleRequest(TeamRole Role);

public sealed record CreateInvitationRequest(string Email, TeamRole? Role = null);

public sealed record AcceptTokenRequest(string Token);

/// <summary>The Invitation object with its derived state. The token is a secret: only the create and resend
/// answers carry it (no mail service runs here, so the inviter hands it on), never listings.</summary>
public sealed record InvitationResponse(
    Guid Id,
    Guid TeamId,
    Guid? InvitedBy,
    string Email,
    TeamRole Role,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt,
    InvitationState State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AcceptUrl = null)
{
    public static InvitationResponse From(InvitationRecord i, DateTimeOffset now, string? acceptBaseUrl = null) => new(
        i.Id, i.TeamId, i.InvitedBy, i.Email, i.Role, i.ExpiresAt, i.AcceptedAt, i.DeclinedAt, i.RevokedAt, i.CreatedAt, i.StateAt(now),
        acceptBaseUrl is null ? null : i.Token,
        acceptBaseUrl is null ? null : $"{acceptBaseUrl}/v1/invitations/{i.Id:D}/accept");
}

public sealed record CreateApiKeyRequest(string? Name = null, string? Owner = null, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null);

public sealed record CreateApiKeyResponse(ApiKeyRecord ApiKey, string RawKey);

public sealed record AdminCreditsRequest(string Owner, int Amount, string Reason);

public sealed record AdminCreditsResponse(string Owner, int Delta, int Balance, string Reason, Guid LedgerId, DateTimeOffset CreatedAt);
