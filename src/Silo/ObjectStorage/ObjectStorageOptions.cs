using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.ObjectStorage;

/// <summary>S3 settings. With S3_ENDPOINT set to the empty string the SDK talks to AWS itself.</summary>
public sealed class ObjectStorageOptions
{
    [ConfigurationKeyName("S3_ENDPOINT")]
    public string? Endpoint { get; set; } = "http://127.0.0.1:4569";

    [ConfigurationKeyName("S3_REGION"), Required(AllowEmptyStrings = false, ErrorMessage = "S3_REGION must not be empty.")]
    public string Region { get; set; } = "us-east-1";

    [ConfigurationKeyName("S3_ACCESS_KEY_ID")]
    public string AccessKeyId { get; set; } = "S3RVER";

    [ConfigurationKeyName("S3_SECRET_ACCESS_KEY")]
    public string SecretAccessKey { get; set; } = "S3RVER";

    [ConfigurationKeyName("S3_FORCE_PATH_STYLE")]
    public bool ForcePathStyle { get; set; } = true;

    [ConfigurationKeyName("S3_BUCKET_OUTPUTS"), Required(AllowEmptyStrings = false, ErrorMessage = "S3_BUCKET_OUTPUTS must not be empty.")]
    public string OutputsBucket { get; set; } = "framecast-outputs";

    [ConfigurationKeyName("S3_BUCKET_SYSTEM"), Required(AllowEmptyStrings = false, ErrorMessage = "S3_BUCKET_SYSTEM must not be empty.")]
    public string SystemBucket { get; set; } = "framecast-system";

    /// <summary>Where presigned URLs point, when clients reach S3 by another address than the silo does.</summary>
    [ConfigurationKeyName("S3_PUBLIC_ENDPOINT")]
    public string? PublicEndpoint { get; set; }

    /// <summary>Creates the buckets at start when they are missing (local and test stacks).</summary>
    [ConfigurationKeyName("S3_CREATE_BUCKETS")]
    public bool CreateBuckets { get; set; } = true;

    /// <summary>The endpoint the SDK is pointed at; null means AWS.</summary>
    public string? ServiceUrl => Endpoint is { Length: > 0 } endpoint ? endpoint : null;

    public string? PresignEndpoint => PublicEndpoint is { Length: > 0 } endpoint ? endpoint : null;

    public IReadOnlyList<string> Buckets => [OutputsBucket, SystemBucket];
}
