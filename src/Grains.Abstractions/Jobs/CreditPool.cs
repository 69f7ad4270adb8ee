using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>
/// A balance jobs are charged to: a user's personal credits or a team's. Personal-URN jobs use the
/// user's pool; team-URN and membership-URN jobs use the team's (spec 07 §11).
/// </summary>
public readonly record struct CreditPool(CreditPoolKind Kind, Guid Id)
{
    public string Key => $"{(Kind == CreditPoolKind.User ? "user" : "team")}:{Id:D}";

    public static CreditPool For(OwnerUrn owner) => owner.Kind == OwnerUrnKind.User
        ? new CreditPool(CreditPoolKind.User, owner.UserId!.Value)
        : new CreditPool(CreditPoolKind.Team, owner.TeamId!.Value);

    public static CreditPool ForOwner(string ownerUrn) => For(OwnerUrn.Parse(ownerUrn));

    public static CreditPool Parse(string key)
    {
        var split = key.Split(':', 2);
        return new CreditPool(split[0] == "user" ? CreditPoolKind.User : CreditPoolKind.Team, Guid.Parse(split[1]));
    }
}

public enum CreditPoolKind
{
    User,
    Team,
}
