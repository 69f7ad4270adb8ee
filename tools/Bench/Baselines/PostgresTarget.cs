namespace Framecast.Bench.Baselines;

/// <summary>The PostgreSQL server of <c>DATABASE_URL</c> (<c>postgres://user[:password]@host:port/database</c>), for its command-line tools.</summary>
public sealed record PostgresTarget(string Host, int Port, string User, string? Password, string Database)
{
    public static PostgresTarget FromUrl(Uri url)
    {
        if (url.Scheme is not ("postgres" or "postgresql"))
        {
            throw new BenchFailure($"DATABASE_URL must be a postgres:// URL, not {url.Scheme}://.");
        }
        var credentials = url.UserInfo.Split(':', 2);
        return new PostgresTarget(
            url.Host,
            url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "postgres",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null,
            url.AbsolutePath.Trim('/') is { Length: > 0 } database ? database : "postgres");
    }

    /// <summary>libpq connection arguments for another database on the same server.</summary>
    public IReadOnlyList<string> ConnectionArguments(string database) => ["-h", Host, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", User, "-d", database];

    /// <summary>The password goes in the environment, never on a command line.</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        Password is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["PGPASSWORD"] = Password };
}
