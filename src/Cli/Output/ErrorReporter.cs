using Framecast.Cli.Configuration;
using Spectre.Console;

namespace Framecast.Cli.Output;

/// <summary>Turns whatever ended a command into its exit code and one message on stderr (JSON with --json).</summary>
public static class ErrorReporter
{
    public static int Report(Exception exception, bool json)
    {
        var (code, errorCode, message) = Classify(exception);
        if (json)
        {
            Console.Error.WriteLine(JsonSerializer.Serialize(new { error = new { code = errorCode, message }, exit_code = code }));
        }
        else
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {message}");
        }
        return code;
    }

    private static (int ExitCode, string ErrorCode, string Message) Classify(Exception exception) => exception switch
    {
        CliException cli => (cli.ExitCode, "CLI", cli.Message),
        FramecastApiException api => FromApi(api),
        HttpRequestException or TaskCanceledException or IOException =>
            (ExitCodes.Network, "NETWORK", $"cannot reach the API at {Connection.Current?.ApiUrl}: {exception.Message}"),
        _ => (ExitCodes.Failed, "UNEXPECTED", exception.Message),
    };

    private static (int, string, string) FromApi(FramecastApiException api)
    {
        if (api.StatusCode is >= 200 and < 300)
        {
            // The generated client could not read a successful answer: the API and this CLI disagree on its shape.
            return (ExitCodes.Failed, "UNREADABLE_RESPONSE", $"the API's answer could not be read: {api.InnerException?.Message ?? api.Message}");
        }
        var (code, message) = Envelope(api.Response);
        var exit = code switch
        {
            "INSUFFICIENT_CREDITS" => ExitCodes.InsufficientCredits,
            "VALIDATION_ERROR" or "SPEC_INVALID" or "UNSUPPORTED_MEDIA_TYPE" => ExitCodes.InvalidInput,
            _ when api.StatusCode is 400 or 422 => ExitCodes.InvalidInput,
            _ when api.StatusCode is 502 or 503 or 504 => ExitCodes.Network,
            _ => ExitCodes.Failed,
        };
        return (exit, code, $"{message} ({api.StatusCode} {code})");
    }

    /// <summary>The API's error envelope <c>{"error": {"code", "message"}}</c>, or the status alone when the body is not one.</summary>
    private static (string Code, string Message) Envelope(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            var error = document.RootElement.GetProperty("error");
            return (error.GetProperty("code").GetString() ?? "ERROR", error.GetProperty("message").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ("HTTP_ERROR", "the API answered without an error envelope");
        }
    }
}
