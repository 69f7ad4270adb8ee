using System.Diagnostics;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Cli;

/// <summary>The API and the local worker as their own processes, and the built <c>framecast</c> CLI to run against them.</summary>
public sealed class CliStack : ProcessStack
{
    public static string CliDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepositoryRoot.Path, "src", "Cli", "bin", configuration, "net10.0", "framecast.dll");
        }
    }

    /// <summary>Runs the CLI without a terminal (as a script would), with <paramref name="environment"/> on top of a clean one.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Nothing of the test run's own environment decides which API or credential the CLI uses.
        start.Environment.Remove("FRAMECAST_API_URL");
        start.Environment.Remove("FRAMECAST_TOKEN");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
