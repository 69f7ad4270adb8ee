using Amazon.Runtime;
using Framecast.Silo.ObjectStorage;

namespace Framecast.Silo.Tests.ObjectStorage;

public sealed class S3ClientConfigTests
{
    [Fact]
    public void A_custom_endpoint_gets_the_local_servers_checksum_workaround()
    {
        var config = S3ClientFactory.Config(new ObjectStorageOptions { Endpoint = "http://127.0.0.1:4569" });

        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
    }

    [Fact]
    public void Real_aws_keeps_the_sdks_checksums()
    {
        var config = S3ClientFactory.Config(new ObjectStorageOptions { Endpoint = "", Region = "eu-west-1" });

        Assert.Equal(RequestChecksumCalculation.WHEN_SUPPORTED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_SUPPORTED, config.ResponseChecksumValidation);
        Assert.Equal("eu-west-1", config.RegionEndpoint.SystemName);
    }
}
