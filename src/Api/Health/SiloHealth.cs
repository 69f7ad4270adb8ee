using Framecast.Silo.Hosting;
using Framecast.Silo.Membership;
using Framecast.Silo.Runtime;

namespace Framecast.Api.Health;

/// <summary>This silo: running, heartbeating within the dead-after window, and how many activations it holds.</summary>
public sealed class SiloHealth(SiloLifecycle lifecycle, SiloMembership membership, GrainRuntime runtime, SiloOptions options) : IHealthComponent
{
    public string Name => "silo";

    public bool IsCritical => true;

    public Task<(HealthStatus, IReadOnlyDictionary<string, object?>?)> CheckAsync(CancellationToken cancellationToken)
    {
        var sinceHeartbeat = membership.LastHeartbeat is { } last ? DateTimeOffset.UtcNow - last : (TimeSpan?)null;
        var healthy = lifecycle.IsRunning && sinceHeartbeat is { } since && since < options.DeadAfter;
        IReadOnlyDictionary<string, object?> info = new Dictionary<string, object?>
        {
            ["running"] = lifecycle.IsRunning,
            ["last_heartbeat"] = membership.LastHeartbeat,
            ["activations"] = runtime.ActivationCount,
        };
        return Task.FromResult((healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy, (IReadOnlyDictionary<string, object?>?)info));
    }
}
