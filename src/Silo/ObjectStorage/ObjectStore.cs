using Amazon.S3;
using Amazon.S3.Model;

namespace Framecast.Silo.ObjectStorage;

/// <summary>The buckets Framecast uses: existence checks, uploads, presigned URLs.</summary>
public sealed class ObjectStore(IAmazonS3 s3, ObjectStorageOptions options)
{
    public ObjectStorageOptions Options { get; } = options;

    /// <summary>Creates missing buckets (the local stack's S3 starts empty).</summary>
    public async Task EnsureBucketsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var bucket in Options.Buckets)
        {
            if (!await BucketExistsAsync(bucket, cancellationToken))
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
            }
        }
    }

    public async Task<bool> BucketExistsAsync(string bucket, CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }



    public async Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        return response.ResponseStream;
    }

    public async Task DeletePrefixAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix }, cancellationToken);
        foreach (var item in listed.S3Objects ?? [])
        {
            await s3.DeleteObjectAsync(bucket, item.Key, cancellationToken);
        }
    }

    public string PresignGet(string bucket, string key, TimeSpan lifetime)
    {
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = Options.ServiceUrl?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS,
        });
        if (Options.PresignEndpoint is { } publicEndpoint && Options.ServiceUrl is { } endpoint)
        {
            url = publicEndpoint.TrimEnd('/') + url[endpoint.TrimEnd('/').Length..];
        }
        return url;
    }
}
