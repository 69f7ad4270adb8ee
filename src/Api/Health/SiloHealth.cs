using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Framecast.Api.Health;

/// <summary>This silo as its cluster sees it: healthy while the membership lists it as active.</summary>
public sealed class SiloHealth(ILocalSiloDetails self, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(self.SiloAddress);
        var data = new Dictionary<string, object>
        {
            ["address"] = self.SiloAddress.ToParsableString(),
            ["status"] = status.ToString().ToLowerInvariant(),
            ["active_silos"] = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active),
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy($"The membership lists this silo as {status}.", data: data));
    }
}
