namespace Framecast.Cli.Configuration;

/// <summary>
/// Which API and which credential a command uses: <c>--api-url</c>, then FRAMECAST_API_URL, then the stored login, then
/// the local stack; FRAMECAST_TOKEN (a JWT or an API key) before the stored login, for scripts and CI.
/// </summary>
public sealed record Connection(Uri ApiUrl, string? Token)
{
    public const string DefaultApiUrl = "http://127.0.0.1:3000";

    /// <summary>The connection of the running command, for messages about it.</summary>
    public static Connection? Current { get; private set; }

    public static Connection Resolve(string? apiUrlOption)
    {
        var stored = LoginStore.Load();
        var url = FirstSet(apiUrlOption, Environment.GetEnvironmentVariable("FRAMECAST_API_URL"), stored?.ApiUrl) ?? DefaultApiUrl;
        var token = FirstSet(Environment.GetEnvironmentVariable("FRAMECAST_TOKEN"), stored?.Token);
        Current = new Connection(ParseUrl(url), token);
        return Current;
    }

    public static Uri ParseUrl(string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new Output.CliException(Output.ExitCodes.InvalidInput, $"'{url}' is not an http(s) URL.");

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
