using System.Diagnostics;
using System.Net;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Dashboard;

/// <summary>
/// The dashboard at /app/ in headless Chromium (tests/Browser/dashboard.mjs) against the real process and the local
/// worker rendering real MP4s: a new user signs up, submits, watches the job live and plays the video.
/// </summary>
public sealed class DashboardPageTests(ProcessStack stack) : IClassFixture<ProcessStack>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_new_user_signs_up_submits_a_storyboard_follows_it_live_and_plays_the_video()
    {
        // Kept under .local (ignored by git) so the last run's picture can be looked at, and copied to docs/.
        var screenshot = Path.Combine(RepositoryRoot.Path, ".local", "dashboard-test", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var (exitCode, output) = await RunScriptAsync(screenshot);

        Assert.True(exitCode == 0, $"dashboard.mjs exited {exitCode}:\n{output}\n--- API (last lines) ---\n{string.Join('\n', stack.Api.Lines.TakeLast(30))}");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
    }

    [Theory]
    [InlineData("/app", HttpStatusCode.MovedPermanently)]
    [InlineData("/app/", HttpStatusCode.OK)]
    [InlineData("/app/app.js", HttpStatusCode.OK)]
    [InlineData("/app/vendor/signalr.min.js", HttpStatusCode.OK)]
    [InlineData("/app/missing.js", HttpStatusCode.NotFound)]
    public async Task The_page_and_the_signalr_client_are_static_files_of_the_process(string path, HttpStatusCode expected)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stack.Api.BaseUrl) };
        using var response = await http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.MovedPermanently)
        {
            Assert.EndsWith("/app/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        if (expected == HttpStatusCode.NotFound)
        {
            // A missing file is the API's 404, in its error envelope.
            Assert.Contains("\"NOT_FOUND\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<(int ExitCode, string Output)> RunScriptAsync(string screenshot)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepositoryRoot.Path, "tests", "Browser", "dashboard.mjs")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
            Environment =
            {
                ["FRAMECAST_BASE_URL"] = stack.Api.BaseUrl,
                ["FRAMECAST_ADMIN_TOKEN"] = ProcessStack.AdminToken,
                ["DASHBOARD_SCREENSHOT"] = screenshot,
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung browser must not hang the suite; its output so far says where it stopped.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {ScriptTimeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
