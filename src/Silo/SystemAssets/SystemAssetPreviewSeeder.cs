using Amazon.S3;
using Amazon.S3.Model;
using Framecast.Grains.SystemAssets;
using Framecast.Silo.ObjectStorage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.SystemAssets;

/// <summary>
/// Puts each catalog entry's preview file into the system bucket when it is missing or its size differs from the
/// row's (SYSTEM_ASSETS_SEED_PREVIEWS). Registered after the buckets are ensured; at start it costs one HEAD per
/// entry, and uploads only what is missing. A storage outage must not stop the API: it is logged, and the next start
/// tries again.
/// </summary>
public sealed class SystemAssetPreviewSeeder(
    IAmazonS3 s3, ObjectStorageOptions storage, SystemAssetPreviewOptions options, SystemAssetCatalogLoader catalog,
    ILogger<SystemAssetPreviewSeeder> logger) : IHostedService
{
    private const int Parallelism = 8;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.SeedPreviews)
        {
            return;
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var uploaded = await SeedAsync(catalog.Catalog, cancellationToken);
            logger.LogInformation("System asset previews: {Uploaded} uploaded to {Bucket} in {ElapsedMs} ms",
                uploaded, storage.SystemBucket, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not seed the system asset previews in {Bucket}", storage.SystemBucket);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Uploads the previews that are missing or of the wrong size; returns how many it uploaded.</summary>
    public async Task<int> SeedAsync(SystemAssetCatalog assets, CancellationToken cancellationToken = default)
    {
        var uploaded = 0;
        await Parallel.ForEachAsync(assets.All.Where(PreviewSynthesizer.CanSynthesize),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (asset, ct) =>
            {
                if (await StoredSizeAsync(asset.S3Key, ct) == asset.SizeBytes)
                {
                    return;
                }
                var wav = PreviewSynthesizer.Synthesize(asset);
                if (wav.Length != asset.SizeBytes)
                {
                    // The row and the synthesizer disagree: uploading would only make the next start upload again.
                    logger.LogError("The preview of {Asset} would be {Actual} bytes, its row says {Expected}; not uploaded", asset.Id, wav.Length, asset.SizeBytes);
                    return;
                }
                using var body = new MemoryStream(wav, writable: false);
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = storage.SystemBucket,
                    Key = asset.S3Key,
                    InputStream = body,
                    ContentType = asset.ContentType,
                    // s3rver does not understand aws-chunked bodies.
                    UseChunkEncoding = false,
                }, ct);
                Interlocked.Increment(ref uploaded);
            });
        return uploaded;
    }

    private async Task<long?> StoredSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = storage.SystemBucket, Key = key }, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
