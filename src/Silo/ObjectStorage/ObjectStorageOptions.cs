using Framecast.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.ObjectStorage;

/// <summary>S3 settings. With S3_ENDPOINT unset the SDK talks to AWS itself.</summary>
public sealed record ObjectStorageOptions
{
    public string? Endpoint { get; init; } = "http://127.0.0.1:4569";

    public string Region { get; init; } = "us-east-1";

    public string AccessKeyId { get; init; } = "S3RVER";

    public string SecretAccessKey { get; init; } = "S3RVER";

    public bool ForcePathStyle { get; init; } = true;

    public string OutputsBucket { get; init; } = "framecast-outputs";

    public string SystemBucket { get; init; } = "framecast-system";

    /// <summary>Where presigned URLs point, when clients reach S3 by another address than the silo does.</summary>
    public string? PublicEndpoint { get; init; }

    public IReadOnlyList<string> Buckets => [OutputsBucket, SystemBucket];

    public static ObjectStorageOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new ObjectStorageOptions();
        return new ObjectStorageOptions
        {
            Endpoint = configuration["S3_ENDPOINT"] is { } endpoint ? (endpoint.Length == 0 ? null : endpoint) : defaults.Endpoint,
            Region = configuration.Text("S3_REGION") ?? defaults.Region,
            AccessKeyId = configuration.Text("S3_ACCESS_KEY_ID") ?? defaults.AccessKeyId,
            SecretAccessKey = configuration.Text("S3_SECRET_ACCESS_KEY") ?? defaults.SecretAccessKey,
            ForcePathStyle = !bool.TryParse(configuration["S3_FORCE_PATH_STYLE"], out var pathStyle) || pathStyle,
            OutputsBucket = configuration.Text("S3_BUCKET_OUTPUTS") ?? defaults.OutputsBucket,
            SystemBucket = configuration.Text("S3_BUCKET_SYSTEM") ?? defaults.SystemBucket,
            PublicEndpoint = configuration.Text("S3_PUBLIC_ENDPOINT"),
        };
    }
}
