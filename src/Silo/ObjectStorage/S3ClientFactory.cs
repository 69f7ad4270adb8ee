using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Framecast.Silo.ObjectStorage;

public static class S3ClientFactory
{
    public static IAmazonS3 Create(ObjectStorageOptions options) =>
        new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), Config(options));

    public static AmazonS3Config Config(ObjectStorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
        };
        if (options.ServiceUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
            // Local S3 servers (s3rver) do not speak the SDK's trailing-checksum chunked uploads; AWS keeps them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return config;
    }
}
