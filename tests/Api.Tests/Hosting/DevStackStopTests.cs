using System.Diagnostics;
using System.Net.Sockets;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Hosting;

/// <summary>
/// The README's own command, <c>npx --yes rust-just@1.57.0 dev</c>, run in a terminal (tmux) as a new user runs it,
/// on private ports and a private data folder. However it is stopped — Ctrl-C, a signal to the terminal's process
/// group, a signal to just alone, or a supervisor's SIGKILL of the group — nothing it started may keep running:
/// PostgreSQL above all, which lives in a session of its own and so never sees the terminal's signals.
/// </summary>
[Collection(DevStackCollection.Name)]
public sealed class DevStackStopTests : IDisposable
{
    private readonly TmuxServer _tmux = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"framecast-dev-{Guid.NewGuid():N}");
    private readonly int[] _ports = [.. Enumerable.Range(0, 6).Select(_ => LocalProcess.FreePort())];

    private int PgPort => _ports[0];
    private int ApiPort => _ports[3];

    [Theory]
    [InlineData("ctrl-c")]
    [InlineData("sigterm-to-group")]
    [InlineData("sigterm-to-just")]
    [InlineData("sigkill-to-group")]
    public async Task Stopping_just_dev_stops_everything_it_started_postgres_included(string how)
    {
        await StartAsync();
        Assert.True(PostgresRunning(), "PostgreSQL should be up while the stack runs");

        var pane = _tmux.PanePid("dev");
        switch (how)
        {
            case "ctrl-c":
                _tmux.SendKeys("dev", "C-c");
                break;
            case "sigterm-to-group":
                LocalProcess.Run("kill", $"-TERM -- -{pane}");
                break;
            case "sigterm-to-just":
                LocalProcess.Run("pkill", $"-TERM -s {pane} -f rust-just-linux-x64/bin/just");
                break;
            case "sigkill-to-group":
                LocalProcess.Run("kill", $"-KILL -- -{pane}");
                break;
        }

        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline && (PostgresRunning() || _ports.Any(Listening)))
        {
            await Task.Delay(250);
        }
        Assert.False(PostgresRunning(), $"PostgreSQL still runs after {how}:\n{Log()}");
        Assert.DoesNotContain(_ports, Listening);
    }

    private async Task StartAsync()
    {
        string[] settings =
        [
            $"DEV_PG_PORT={_ports[0]}", $"DEV_S3_PORT={_ports[1]}", $"DEV_WORKER_PORT={_ports[2]}", $"DEV_API_PORT={_ports[3]}",
            $"DEV_SILO_PORT={_ports[4]}", $"DEV_GATEWAY_PORT={_ports[5]}", $"DEV_DATA_DIR={_data}",
        ];
        // A new user's terminal: none of the test run's variables (DATABASE_URL would point it at the tests' server).
        var terminal = $"HOME='{Environment.GetEnvironmentVariable("HOME")}' PATH='{Environment.GetEnvironmentVariable("PATH")}' TERM=xterm-256color";
        var command = $"cd '{RepositoryRoot.Path}' && env -i {terminal} {string.Join(' ', settings)} npx --yes rust-just@1.57.0 dev";
        _tmux.NewSession("dev", command);
        _tmux.PipePane("dev", $"{_data}.log");

        // The first run builds the Release configuration.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{ApiPort}/v1/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"just dev never answered on {ApiPort}:\n{Log()}");
    }

    private bool PostgresRunning() =>
        File.Exists(Path.Combine(_data, "pg", "postmaster.pid")) || Listening(PgPort);

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Log()
    {
        var log = File.Exists($"{_data}.log") ? File.ReadAllText($"{_data}.log") : "";
        return log[Math.Max(0, log.Length - 4000)..];
    }

    public void Dispose()
    {
        _tmux.Dispose();
        if (File.Exists(Path.Combine(_data, "pg", "postmaster.pid")))
        {
            var bin = LocalProcess.Run("pg_config", "--bindir").Trim();
            LocalProcess.Run(Path.Combine(bin, "pg_ctl"), $"-D {_data}/pg -m immediate -w stop", asPostgres: true);
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The stack's guard may still be removing its own state folder in there.
        }
        File.Delete($"{_data}.log");
    }
}

/// <summary>The dev stack builds Release and starts a whole stack: alone, after the parallel tests, so it starves none.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevStackCollection
{
    public const string Name = "dev stack";
}
