using System.Diagnostics;

namespace Framecast.TestingHost;

/// <summary>
/// A tmux server on a socket of its own, so a test runs commands in a real terminal as a person would (a TTY, Ctrl-C
/// as a key) without touching a developer's sessions. Disposing it ends every session it holds.
/// </summary>
public sealed class TmuxServer : IDisposable
{
    private readonly string _socket = $"framecast-test-{Guid.NewGuid():N}";

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a new detached session of the given size.</summary>
    public void NewSession(string session, string command, int width = 200, int height = 50) =>
        Run("new-session", "-d", "-s", session, "-x", width.ToString(), "-y", height.ToString(), command);

    public void SendKeys(string session, string keys) => Run("send-keys", "-t", session, keys);

    /// <summary>What the session's pane shows now, as text.</summary>
    public string CapturePane(string session) => Run("capture-pane", "-p", "-t", session);

    /// <summary>Copies everything the pane prints into <paramref name="logFile"/>.</summary>
    public void PipePane(string session, string logFile) => Run("pipe-pane", "-t", session, $"cat > '{logFile}'");

    public int PanePid(string session) => int.Parse(Run("display-message", "-p", "-t", session, "#{pane_pid}").Trim());

    public string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server went with its last session.
        }
    }
}
