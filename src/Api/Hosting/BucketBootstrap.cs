using Framecast.Silo.ObjectStorage;

namespace Framecast.Api.Hosting;

/// <summary>Creates the buckets when they are missing (S3_CREATE_BUCKETS, on by default for the local stack).
/// A storage outage at start must not stop the API: health reports it instead.</summary>
public sealed class BucketBootstrap(ObjectStore store, ILogger<BucketBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.Options.CreateBuckets)
        {
            return;
        }
        try
        {
            await store.EnsureBucketsAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not ensure the S3 buckets {Buckets}", store.Options.Buckets);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
