using Framecast.TestingHost;

namespace Framecast.Api.Tests.Cli;

/// <summary>
/// The CLI in a real terminal (a tmux pane, 120×30): what the pane shows can be read while it runs, keys such as
/// Ctrl-C are typed into it, and the exit status is kept once the command ends.
/// </summary>
public sealed class CliTerminal : IDisposable
{
    private const string Session = "cli";
    private readonly TmuxServer _tmux = new();
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("framecast-cli-").FullName;

    public CliTerminal(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var variables = string.Join(' ', new Dictionary<string, string>(environment)
        {
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["TERM"] = "xterm-256color",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        }.Select(v => $"{v.Key}={Quote(v.Value)}"));
        var command = $"cd {Quote(RepositoryRoot.Path)} && env -i {variables} dotnet {Quote(CliStack.CliDll)} "
            + string.Join(' ', arguments.Select(Quote)) + $"; echo $? > {Quote(ExitFile)}; sleep 600";
        _tmux.NewSession(Session, command, width: 120, height: 30);
        _tmux.PipePane(Session, LogFile);
    }

    /// <summary>A folder of this terminal's own, for files the command writes.</summary>
    public string Directory => _directory;

    private string ExitFile => Path.Combine(_directory, "exit-status");

    private string LogFile => Path.Combine(_directory, "pane.log");

    /// <summary>Everything the pane printed so far, escape sequences included.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public string Screen() => _tmux.CapturePane(Session);

    public void Press(string key) => _tmux.SendKeys(Session, key);

    /// <summary>Reads the screen every 100 ms until <paramref name="seen"/> holds for it; returns that screen.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> seen, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var screen = Screen();
            if (seen(screen))
            {
                return screen;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the terminal never showed {what}:\n{screen}");
            await Task.Delay(100);
        }
    }

    /// <summary>The command's exit status, once it has ended; every screen seen while waiting is handed to <paramref name="watch"/>.</summary>
    public async Task<int> WaitForExitAsync(Action<string>? watch = null, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!File.Exists(ExitFile) || File.ReadAllText(ExitFile).Trim().Length == 0)
        {
            watch?.Invoke(Screen());
            Assert.True(DateTime.UtcNow < deadline, $"the command did not end in {seconds} s:\n{Screen()}");
            await Task.Delay(100);
        }
        return int.Parse(File.ReadAllText(ExitFile).Trim());
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    public void Dispose()
    {
        _tmux.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process on its way out; the temp folder is cleaned some other day.
        }
    }
}
