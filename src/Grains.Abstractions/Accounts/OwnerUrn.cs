using System.Diagnostics.CodeAnalysis;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Abstractions.Accounts;

public enum OwnerUrnKind
{
    User,
    Team,
    Membership,
}

/// <summary>
/// An owner identifier (spec 01 §2): <c>framecast:user:{uuid}</c>, <c>framecast:team:{uuid}</c> or
/// <c>framecast:{team_uuid}:{user_uuid}</c>. Ids are canonical lowercase hyphenated UUIDs; a URN is
/// classified by its shape (first segment <c>user</c>, <c>team</c> or a UUID), never by id prefixes.
/// </summary>
public readonly record struct OwnerUrn
{
    public const int MaxLength = 500;
    private const string Prefix = "framecast:";

    private OwnerUrn(OwnerUrnKind kind, Guid? teamId, Guid? userId)
    {
        Kind = kind;
        TeamId = teamId;
        UserId = userId;
    }

    public OwnerUrnKind Kind { get; }

    /// <summary>The team of a team or membership URN (spec <c>extract_team_from_urn</c>); null for a personal URN.</summary>
    public Guid? TeamId { get; }

    /// <summary>The user of a personal or membership URN; null for a team URN.</summary>
    public Guid? UserId { get; }

    public static OwnerUrn ForUser(Guid userId) => new(OwnerUrnKind.User, null, userId);

    public static OwnerUrn ForTeam(Guid teamId) => new(OwnerUrnKind.Team, teamId, null);

    public static OwnerUrn ForMembership(Guid teamId, Guid userId) => new(OwnerUrnKind.Membership, teamId, userId);

    public static bool TryParse([NotNullWhen(true)] string? value, out OwnerUrn urn)
    {
        urn = default;
        if (value is null || value.Length > MaxLength || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = value[Prefix.Length..].Split(':');
        if (parts.Length != 2 || !TryCanonicalGuid(parts[1], out var second))
        {
            return false;
        }
        switch (parts[0])
        {
            case "user":
                urn = ForUser(second);
                return true;
            case "team":
                urn = ForTeam(second);
                return true;
            default:
                if (!TryCanonicalGuid(parts[0], out var team))
                {
                    return false;
                }
                urn = ForMembership(team, second);
                return true;
        }
    }

    /// <summary>Parses or throws 400 VALIDATION_ERROR naming the field.</summary>
    public static OwnerUrn Parse(string value, string field = "owner") =>
        TryParse(value, out var urn)
            ? urn
            : throw new DomainException(ErrorCodes.ValidationError,
                $"'{field}' must be an owner URN: framecast:user:<uuid>, framecast:team:<uuid> or framecast:<team_uuid>:<user_uuid>.",
                new Dictionary<string, object?> { ["field"] = field });

    public override string ToString() => Kind switch
    {
        OwnerUrnKind.User => $"{Prefix}user:{UserId:D}",
        OwnerUrnKind.Team => $"{Prefix}team:{TeamId:D}",
        OwnerUrnKind.Membership => $"{Prefix}{TeamId:D}:{UserId:D}",
        _ => "",
    };

    // Canonical form only: 36 chars, lowercase hex, hyphenated. Anything else would give two spellings of one owner.
    private static bool TryCanonicalGuid(string text, out Guid id)
    {
        id = Guid.Empty;
        return text.Length == 36 && Guid.TryParseExact(text, "D", out id) && text == id.ToString("D");
    }
}
