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

    public string PresignGet(string bucket, string key, TimeSpan lifetime) => Presign(bucket, key, HttpVerb.GET, lifetime, contentType: null);

    /// <summary>A URL to PUT one object with; the Content-Type is part of the signature, so the upload must send it.</summary>
    public string PresignPut(string bucket, string key, string contentType, TimeSpan lifetime) => Presign(bucket, key, HttpVerb.PUT, lifetime, contentType);

    /// <summary>The object's size, or null when there is no such object.</summary>
    public async Task<long?> SizeAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return head.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes from the object's start, with a ranged GET.</summary>
    public async Task<byte[]> ReadStartAsync(string bucket, string key, int count, CancellationToken cancellationToken = default)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ByteRange = new ByteRange(0, count - 1),
        }, cancellationToken);
        var buffer = new byte[count];
        var read = 0;
        int chunk;
        while (read < count && (chunk = await response.ResponseStream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }
        return buffer[..read];
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        s3.DeleteObjectAsync(bucket, key, cancellationToken);

    private string Presign(string bucket, string key, HttpVerb verb, TimeSpan lifetime, string? contentType)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = Options.ServiceUrl?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (contentType is not null)
        {
            request.ContentType = contentType;
        }
        var url = s3.GetPreSignedURL(request);
        if (Options.PresignEndpoint is { } publicEndpoint && Options.ServiceUrl is { } endpoint)
        {
            url = publicEndpoint.TrimEnd('/') + url[endpoint.TrimEnd('/').Length..];
        }
        return url;
    }
}
