using System.Diagnostics;
using Framecast.Silo.ObjectStorage;

namespace Framecast.TestingHost;

/// <summary>
/// An S3-compatible server for the tests: the one S3_ENDPOINT names, or else s3rver (from the
/// repo's node_modules) started once per test process on a free loopback port.
/// </summary>
public static class S3Server
{
    private static readonly Lazy<ObjectStorageOptions> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static ObjectStorageOptions Options => Started.Value;

    private static ObjectStorageOptions Start()
    {
        if (Environment.GetEnvironmentVariable("S3_ENDPOINT") is { Length: > 0 })
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
            Microsoft.Extensions.Configuration.EnvironmentVariablesExtensions.AddEnvironmentVariables(configuration);
            return Framecast.Silo.Hosting.Settings.Read<ObjectStorageOptions>(configuration.Build());
        }
        var port = LocalProcess.FreePort();
        var dir = Path.Combine(Path.GetTempPath(), "framecast-test-s3-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var s3rver = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "s3rver");
        // The outputs bucket gets the CORS rule browsers need to PUT to presigned upload URLs.
        var cors = Path.Combine(RepositoryRoot.Path, "scripts", "s3-cors.xml");
        LocalProcess.StartWatched($"\"{s3rver}\" -d {dir} -a 127.0.0.1 -p {port} --silent --configure-bucket framecast-outputs \"{cors}\"",
            cleanupDirectory: dir);
        LocalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return new ObjectStorageOptions { Endpoint = $"http://127.0.0.1:{port}" };
    }
}
