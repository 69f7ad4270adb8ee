using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>An account grain whose rows a transaction changed: the writer, or another grain it must tell after the commit.</summary>
public readonly record struct AccountGrain(AccountGrainKind Kind, Guid Id)
{
    public static AccountGrain User(Guid userId) => new(AccountGrainKind.User, userId);

    public static AccountGrain Team(Guid teamId) => new(AccountGrainKind.Team, teamId);

    public static AccountGrain UserPool(Guid userId) => new(AccountGrainKind.UserPool, userId);

    /// <summary>The explicit call that makes the grain reload its state before its next call.</summary>
    public Task RefreshAsync(IGrainFactory grains) => Kind switch
    {
        AccountGrainKind.User => grains.GetGrain<IUserGrain>(Id).RefreshAsync(),
        AccountGrainKind.Team => grains.GetGrain<ITeamGrain>(Id).RefreshAsync(),
        _ => grains.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.User, Id).Key).RefreshAsync(),
    };

    public override string ToString() => $"{Kind} {Id:D}";
}

public enum AccountGrainKind
{
    User,
    Team,
    UserPool,
}
