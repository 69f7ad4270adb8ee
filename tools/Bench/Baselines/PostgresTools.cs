namespace Framecast.Bench.Baselines;

/// <summary>Finds PostgreSQL's client tools: Debian keeps them in <c>pg_config --bindir</c>, off PATH.</summary>
public static class PostgresTools
{
    public static async Task<string> FindAsync(string tool, CancellationToken cancellationToken)
    {
        var directories = new List<string>();
        try
        {
            var pgConfig = await ExternalCommand.RunAsync("pg_config", ["--bindir"], new Dictionary<string, string>(), TimeSpan.FromSeconds(10), cancellationToken);
            if (pgConfig.ExitCode == 0)
            {
                directories.Add(pgConfig.StandardOutput.Trim());
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH: look in Debian's folders and on PATH below.
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            directories.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }
        directories.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new BenchFailure($"{tool} not found (looked in pg_config --bindir, /usr/lib/postgresql/*/bin and PATH); run 'just setup'.");
    }
}
