using System.CommandLine;
using Framecast.Cli.Configuration;

namespace Framecast.Cli.Commands;

/// <summary>The options every command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json") { Description = "Machine-readable JSON output", Recursive = true };

    public static readonly Option<string?> ApiUrl = new("--api-url")
    {
        Description = $"The API (default: FRAMECAST_API_URL, the stored login, or {Framecast.Cli.Configuration.Connection.DefaultApiUrl})",
        Recursive = true,
    };

    public static Connection Connection(this ParseResult parse) => Configuration.Connection.Resolve(parse.GetValue(ApiUrl));

    public static bool WantsJson(this ParseResult parse) => parse.GetValue(Json);
}
