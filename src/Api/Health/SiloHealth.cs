using Orleans.Runtime;

namespace Framecast.Api.Health;

/// <summary>This silo as its cluster sees it: healthy while the membership lists it as active.</summary>
public sealed class SiloHealth(ILocalSiloDetails self, IClusterMembershipService membership) : IHealthComponent
{
    public string Name => "silo";

    public bool IsCritical => true;

    public Task<(HealthStatus, IReadOnlyDictionary<string, object?>?)> CheckAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(self.SiloAddress);
        IReadOnlyDictionary<string, object?> info = new Dictionary<string, object?>
        {
            ["address"] = self.SiloAddress.ToParsableString(),
            ["status"] = status.ToString().ToLowerInvariant(),
            ["active_silos"] = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active),
        };
        return Task.FromResult((status == SiloStatus.Active ? HealthStatus.Healthy : HealthStatus.Unhealthy, (IReadOnlyDictionary<string, object?>?)info));
    }
}
