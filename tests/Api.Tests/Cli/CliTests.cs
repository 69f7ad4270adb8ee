using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Cli;

/// <summary>
/// The <c>framecast</c> CLI as people and scripts use it: signed in through the embedded sign-in, rendering a YAML
/// storyboard in a real terminal into an MP4 on disk, and telling failures apart by exit status.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class CliTests(CliStack stack) : IClassFixture<CliStack>
{
    private const string TwoScenes = """
        # Two scenes, the second one slowed down by the local worker so the terminal shows it in work.
        title: Harbor at dawn
        scenes:
          - id: arrival
            prompt: A fishing boat glides into a quiet harbor at dawn
            duration: 2
          - id: market
            prompt: Gulls circle over the fish market
            duration: 2
        """;

    [Fact]
    public async Task Login_keeps_the_token_readable_by_the_user_alone_and_later_commands_use_it()
    {
        var account = await stack.AccountAsync(credits: 42);
        var config = Directory.CreateTempSubdirectory("framecast-config-").FullName;
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config };

        var login = await CliStack.RunAsync(environment, account.Password, "--api-url", stack.ApiUrl, "login", "--email", account.Email, "--password-stdin");

        Assert.True(login.ExitCode == 0, login.Stderr);
        var file = Path.Combine(config, "framecast", "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        var stored = File.ReadAllText(file);
        Assert.DoesNotContain(account.Password, stored);

        // No URL and no token given: both come from the stored login.
        var credits = await CliStack.RunAsync(environment, null, "credits", "--json");
        Assert.True(credits.ExitCode == 0, credits.Stderr);
        var balances = JsonDocument.Parse(credits.Stdout).RootElement.GetProperty("balances");
        Assert.Equal($"framecast:user:{account.UserId}", balances[0].GetProperty("owner").GetString());
        Assert.Equal(42, balances[0].GetProperty("credits").GetInt32());

        // FRAMECAST_TOKEN overrides the stored login.
        var overridden = await CliStack.RunAsync(new Dictionary<string, string>(environment) { ["FRAMECAST_TOKEN"] = "not-a-token" }, null, "credits");
        Assert.Equal(1, overridden.ExitCode);
        Assert.Contains("UNAUTHENTICATED", overridden.Stderr);

        var logout = await CliStack.RunAsync(environment, null, "logout");
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_yaml_storyboard_rendered_in_a_terminal_shows_a_bar_per_scene_and_becomes_an_mp4_that_ffprobe_reads()
    {
        var account = await stack.AccountAsync();
        var storyboard = await StoryboardFileAsync("harbor.yaml", TwoScenes);
        var output = Path.Combine(Path.GetDirectoryName(storyboard)!, "out");
        using var terminal = new CliTerminal(Environment(account), "render", storyboard, "--yes", "--output", output,
            "--options", """{"local_worker": {"delay_ms": 700}}""");

        var screens = new List<string>();
        var exit = await terminal.WaitForExitAsync(screens.Add);

        Assert.True(exit == 0, terminal.Screen());
        // While it ran, the first scene's bar was full and the second's not yet: the bars moved scene by scene.
        Assert.Contains(screens, s => SceneBar(s, "arrival") == 100 && SceneBar(s, "market") < 100);
        var finished = terminal.Screen();
        Assert.Equal(100, SceneBar(finished, "arrival"));
        Assert.Equal(100, SceneBar(finished, "market"));

        var jobId = Guid.Parse(JobIdPattern().Match(terminal.Log).Groups["id"].Value);
        var video = Path.Combine(output, $"{jobId}.mp4");
        Assert.Contains(video, Unwrapped(terminal.Log));
        var probe = await Ffprobe.ReadAsync(video);
        Assert.Equal("h264", probe.Codec);
        Assert.InRange(probe.DurationSeconds, 3.5, 4.5);
        Assert.True(new FileInfo(Path.Combine(output, $"{jobId}.jpg")).Length > 0, "no thumbnail was downloaded");
        var job = await (await stack.Http.SendAsync(account.Request(HttpMethod.Get, $"/v1/jobs/{jobId}"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.StartsWith("cli-", job.GetProperty("idempotency_key").GetString());
    }

    [Fact]
    public async Task Exit_codes_tell_invalid_input_insufficient_credits_a_failed_job_and_an_unreachable_api_apart()
    {
        var account = await stack.AccountAsync();
        var valid = await StoryboardFileAsync("valid.yaml", TwoScenes);
        var invalid = await StoryboardFileAsync("invalid.yaml", TwoScenes.Replace("duration: 2\n  - id: market", "duration: 0\n  - id: market"));
        var folder = Path.GetDirectoryName(valid)!;

        var refused = await CliStack.RunAsync(Environment(account), null, "render", invalid, "--yes");
        Assert.True(refused.ExitCode == 2, refused.Stderr);
        Assert.Contains("scenes[0].duration", refused.Stderr);

        var broke = await stack.AccountAsync(credits: 0);
        var poor = await CliStack.RunAsync(Environment(broke), null, "render", valid, "--yes", "--output", folder);
        Assert.True(poor.ExitCode == 3, poor.Stderr);
        Assert.Contains("INSUFFICIENT_CREDITS", poor.Stderr);

        var failed = await CliStack.RunAsync(Environment(account), null, "render", valid, "--yes", "--output", folder,
            "--options", """{"local_worker": {"outcome": "fail", "failure_type": "system", "skip_render": true}}""");
        Assert.True(failed.ExitCode == 4, failed.Stderr);
        Assert.Contains("failed", failed.Stderr);

        var unreachable = await CliStack.RunAsync(new Dictionary<string, string>(Environment(account)) { ["FRAMECAST_API_URL"] = "http://127.0.0.1:1" },
            null, "jobs", "list");
        Assert.True(unreachable.ExitCode == 5, unreachable.Stderr);

        var notAtTerminal = await CliStack.RunAsync(Environment(account), null, "render", valid);
        Assert.True(notAtTerminal.ExitCode == 2, notAtTerminal.Stderr);
        Assert.Contains("--yes", notAtTerminal.Stderr);
        Assert.Empty(Directory.GetFiles(folder, "*.mp4"));
    }

    [Theory]
    [InlineData(false, "processing")]
    [InlineData(true, "canceled")]
    public async Task Ctrl_c_stops_following_and_cancels_the_job_only_when_asked(bool cancelOnInterrupt, string statusAfter)
    {
        var account = await stack.AccountAsync();
        var storyboard = await StoryboardFileAsync("hang.yaml", TwoScenes);
        string[] arguments = ["render", storyboard, "--yes", "--options", """{"local_worker": {"outcome": "hang", "skip_render": true}}"""];
        using var terminal = new CliTerminal(Environment(account), cancelOnInterrupt ? [.. arguments, "--cancel-on-interrupt"] : arguments);

        await terminal.WaitForScreenAsync(s => s.Contains("arrival") && JobIdPattern().IsMatch(terminal.Log), "the job following");
        var jobId = Guid.Parse(JobIdPattern().Match(terminal.Log).Groups["id"].Value);
        await WaitForStatusAsync(account, jobId, "processing");
        terminal.Press("C-c");

        Assert.Equal(130, await terminal.WaitForExitAsync());
        Assert.Equal(statusAfter, (await WaitForStatusAsync(account, jobId, statusAfter)).GetProperty("status").GetString());
        if (!cancelOnInterrupt)
        {
            Assert.Contains($"framecast jobs get {jobId}", Unwrapped(terminal.Log));
            await stack.Http.SendAsync(account.Request(HttpMethod.Post, $"/v1/jobs/{jobId}/cancel"));
        }
    }

    /// <summary>Writes <paramref name="text"/> to a file of that name in a fresh folder; returns its path.</summary>
    private static async Task<string> StoryboardFileAsync(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("framecast-story-").FullName, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private Dictionary<string, string> Environment(ProcessAccount account) => new()
    {
        ["FRAMECAST_API_URL"] = stack.ApiUrl,
        ["FRAMECAST_TOKEN"] = account.AccessToken,
        ["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), $"framecast-config-{Guid.NewGuid():N}"),
    };

    private async Task<JsonElement> WaitForStatusAsync(ProcessAccount account, Guid jobId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await (await stack.Http.SendAsync(account.Request(HttpMethod.Get, $"/v1/jobs/{jobId}"))).Content.ReadFromJsonAsync<JsonElement>();
            if (job.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The percentage the bar of <paramref name="scene"/> shows on <paramref name="screen"/>; -1 when it has none.</summary>
    private static int SceneBar(string screen, string scene) =>
        Regex.Match(screen, $@"^\s*{scene}\b.*?(?<percent>\d+)%", RegexOptions.Multiline) is { Success: true } bar ? int.Parse(bar.Groups["percent"].Value) : -1;

    /// <summary>The terminal's text with its line wrapping and escape sequences taken out, so long paths read whole.</summary>
    private static string Unwrapped(string text) => Regex.Replace(Regex.Replace(text, @"\x1b\[[0-9;?]*[A-Za-z]", ""), @"\r?\n", "");

    [GeneratedRegex(@"Job (?:\x1b\[[0-9;]*m)*(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex JobIdPattern();
}
