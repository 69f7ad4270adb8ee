using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Framecast.LocalWorker.Storage;

/// <summary>Puts rendered files into S3, creating a missing bucket on its first upload.</summary>
public sealed class OutputUploader(IAmazonS3 s3)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _buckets = new(StringComparer.Ordinal);

    /// <returns>The uploaded size in bytes.</returns>
    public async Task<long> UploadAsync(string bucket, string key, string path, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureBucketAsync(bucket);
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    FilePath = path,
                    ContentType = contentType,
                    // s3rver does not understand aws-chunked bodies.
                    UseChunkEncoding = false,
                },
                cancellationToken);
            return new FileInfo(path).Length;
        }
        catch (AmazonServiceException e)
        {
            throw JobFailedException.System($"Upload of s3://{bucket}/{key} failed: {e.Message}", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw JobFailedException.System($"Upload of s3://{bucket}/{key} failed, S3 is unreachable: {e.Message}", inner: e);
        }
    }

    private async Task EnsureBucketAsync(string bucket)
    {
        var creation = _buckets.GetOrAdd(bucket, name => new Lazy<Task>(() => CreateBucketAsync(name)));
        try
        {
            await creation.Value;
        }
        catch
        {
            // Let the next upload try again rather than remembering a transient failure.
            _buckets.TryRemove(KeyValuePair.Create(bucket, creation));
            throw;
        }
    }

    private async Task CreateBucketAsync(string bucket)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // BucketAlreadyOwnedByYou / BucketAlreadyExists: someone else created it first.
        }
    }
}
