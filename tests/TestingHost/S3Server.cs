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
            return ObjectStorageOptions.FromConfiguration(configuration.Build());
        }
        var port = LocalProcess.FreePort();
        var dir = Path.Combine(Path.GetTempPath(), "framecast-test-s3-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var s3rver = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "s3rver");
        // A watchdog ends s3rver with this process even when the test host is killed without running exit handlers.
        var watched = $"\"{s3rver}\" -d {dir} -a 127.0.0.1 -p {port} --silent & child=$!; " +
                      $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null";
        var process = Process.Start(new ProcessStartInfo("bash", ["-c", watched])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("s3rver did not start; run `just setup`.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // Exiting anyway.
            }
        };
        LocalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return new ObjectStorageOptions { Endpoint = $"http://127.0.0.1:{port}" };
    }
}
