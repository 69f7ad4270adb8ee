using Amazon.Runtime;
using Amazon.S3;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Storage;

public static class S3ClientFactory
{
    public static IAmazonS3 Create(WorkerSettings settings) =>
        new AmazonS3Client(
            new BasicAWSCredentials(settings.S3AccessKeyId, settings.S3SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = settings.S3Endpoint,
                AuthenticationRegion = settings.S3Region,
                ForcePathStyle = settings.S3ForcePathStyle,
                // s3rver predates the flexible checksums that SDK v4 sends by default.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
}
