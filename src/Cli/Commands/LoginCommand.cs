using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary><c>framecast login</c> (embedded sign-in or an API key) and <c>framecast logout</c>.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var email = new Option<string?>("--email") { Description = "Sign in with this email (asked when missing)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin" };
        var apiKey = new Option<string?>("--api-key") { Description = "Store an API key instead of signing in" };
        var login = new Command("login", "Sign in and store the credential in your config directory (user-only permissions)")
        {
            email, passwordStdin, apiKey,
        };
        login.SetHandler(async (parse, cancellationToken) =>
        {
            var connection = parse.Connection();
            var stored = parse.GetValue(apiKey) is { Length: > 0 } key
                ? await CheckApiKeyAsync(connection, key, cancellationToken)
                : await SignInAsync(connection, parse.GetValue(email), parse.GetValue(passwordStdin), cancellationToken);
            LoginStore.Save(stored);
            if (parse.WantsJson())
            {
                Terminal.Json(new { api_url = stored.ApiUrl, kind = stored.Kind, email = stored.Email, expires_at = stored.ExpiresAt, path = LoginStore.FilePath });
            }
            else
            {
                Terminal.Out.MarkupLineInterpolated($"Signed in to [bold]{stored.ApiUrl}[/]{(stored.Email is null ? "" : " as " + stored.Email)}; the credential is in {LoginStore.FilePath}.");
            }
        });
        return login;
    }

    public static Command CreateLogout()
    {
        var logout = new Command("logout", "Forget the stored credential");
        logout.SetHandler((parse, _) =>
        {
            var removed = LoginStore.Delete();
            Terminal.Out.WriteLine(removed ? "Signed out." : "Not signed in.");
            return Task.CompletedTask;
        });
        return logout;
    }

    private static async Task<StoredLogin> SignInAsync(Connection connection, string? email, bool passwordFromStdin, CancellationToken cancellationToken)
    {
        if (email is null && !Terminal.IsInteractive)
        {
            throw new CliException(ExitCodes.InvalidInput, "give --email (and --password-stdin) when not at a terminal.");
        }
        email ??= Terminal.Error.Prompt(new TextPrompt<string>("Email:"));
        var password = passwordFromStdin
            ? Console.In.ReadLine() ?? throw new CliException(ExitCodes.InvalidInput, "no password on stdin.")
            : Terminal.IsInteractive
                ? Terminal.Error.Prompt(new TextPrompt<string>("Password:").Secret())
                : throw new CliException(ExitCodes.InvalidInput, "use --password-stdin when not at a terminal.");

        using var session = ApiSession.Open(connection with { Token = null }, requireToken: false);
        var issued = await session.Api.SignInAsync(new TokenRequest { Email = email, Password = password }, cancellationToken);
        return new StoredLogin(connection.ApiUrl.ToString().TrimEnd('/'), issued.Access_token, "jwt", issued.User.Email, issued.Expires_at);
    }

    /// <summary>A key is stored only once the API has accepted it.</summary>
    private static async Task<StoredLogin> CheckApiKeyAsync(Connection connection, string key, CancellationToken cancellationToken)
    {
        using var session = ApiSession.Open(connection with { Token = key });
        try
        {
            await session.Api.ListJobsAsync(limit: 1, cancellationToken: cancellationToken);
        }
        catch (FramecastApiException ex) when (ex.StatusCode == 403)
        {
            // Authenticated, only without the jobs:read scope: the key is good for what it was made for.
        }
        return new StoredLogin(connection.ApiUrl.ToString().TrimEnd('/'), key, "api_key", null, null);
    }
}
