namespace Framecast.LocalWorker.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The folder holding Framecast.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framecast.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Framecast.sln above {AppContext.BaseDirectory}.");
    }
}
