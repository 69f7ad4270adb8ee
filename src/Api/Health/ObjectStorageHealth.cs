using Framecast.Silo.ObjectStorage;

namespace Framecast.Api.Health;

public sealed class ObjectStorageHealth(ObjectStore store) : IHealthComponent
{
    public string Name => "object_storage";

    public bool IsCritical => false;

    public async Task<(HealthStatus, IReadOnlyDictionary<string, object?>?)> CheckAsync(CancellationToken cancellationToken)
    {
        var buckets = new Dictionary<string, object?>();
        foreach (var bucket in store.Options.Buckets)
        {
            buckets[bucket] = await store.BucketExistsAsync(bucket, cancellationToken) ? "present" : "missing";
        }
        var status = buckets.Values.All(v => (string?)v == "present") ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        return (status, new Dictionary<string, object?> { ["endpoint"] = store.Options.ServiceUrl ?? "aws", ["buckets"] = buckets });
    }
}
