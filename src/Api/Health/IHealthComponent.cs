namespace Framecast.Api.Health;

public interface IHealthComponent
{
    /// <summary>The component's key in the report (database, object_storage, worker_backend, silo).</summary>
    string Name { get; }

    /// <summary>Whether the service is down without it (else it is only degraded).</summary>
    bool IsCritical { get; }

    Task<(HealthStatus Status, IReadOnlyDictionary<string, object?>? Info)> CheckAsync(CancellationToken cancellationToken);
}
