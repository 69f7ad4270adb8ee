using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// The context uploads are resolved in: the caller's accessible owner URNs and, for a job, its owner. Validation
/// alone may use any accessible upload; a job owned by O may use only O's uploads and, when O is a team or
/// membership URN, the team's shared ones. The accessible URNs are read only when a storyboard names an upload
/// (most name none, and reading them costs grain calls).
/// </summary>
public sealed class AssetLookupScope(Func<Task<IReadOnlyList<OwnerUrn>>> accessible, OwnerUrn? jobOwner = null)
{
    public AssetLookupScope(IReadOnlyList<OwnerUrn> accessible, OwnerUrn? jobOwner = null)
        : this(() => Task.FromResult(accessible), jobOwner)
    {
    }

    public OwnerUrn? JobOwner { get; } = jobOwner;

    /// <summary>The owners whose uploads this scope may reference.</summary>
    public async Task<IReadOnlyList<OwnerUrn>> OwnersAsync()
    {
        var urns = await accessible();
        if (JobOwner is not { } owner)
        {
            return urns;
        }
        OwnerUrn[] allowed = owner.TeamId is { } team ? [owner, OwnerUrn.ForTeam(team)] : [owner];
        return [.. allowed.Distinct().Where(urns.Contains)];
    }
}
