using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Health;

public sealed class ObjectStorageHealth(ObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var buckets = new Dictionary<string, string>();
        foreach (var bucket in store.Options.Buckets)
        {
            buckets[bucket] = await store.BucketExistsAsync(bucket, cancellationToken) ? "present" : "missing";
        }
        var data = new Dictionary<string, object> { ["endpoint"] = store.Options.ServiceUrl ?? "aws", ["buckets"] = buckets };
        return buckets.Values.All(v => v == "present")
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy("A bucket is missing.", data: data);
    }
}
