namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>The account limits of spec 07 §3–§5.</summary>
public static class AccountLimits
{
    public const int MaxOwnedTeams = 10;
    public const int MaxMemberships = 50;
    public const int MaxActionableInvitationsPerTeam = 50;
    public const int MaxInvitationsPerTeamPerDay = 20;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public const int EmailMaxLength = 255;
    public const int UserNameMaxLength = 100;
    public const int AvatarUrlMaxLength = 2048;
    public const int TeamNameMaxLength = 100;
    public const int SlugMaxLength = 50;
    public const int ApiKeyNameMaxLength = 100;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 256;
    public const string MyTeamName = "My Team";
}
