using System.CommandLine;
using Framecast.Cli.Output;

namespace Framecast.Cli.Commands;

/// <summary>Runs a command's body and turns any failure into its exit code and message, the same way for every command.</summary>
public static class CommandRunner
{
    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return ErrorReporter.Report(ex, parse.WantsJson());
            }
        });

    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task> body) =>
        command.SetHandler(async (parse, cancellationToken) =>
        {
            await body(parse, cancellationToken);
            return ExitCodes.Ok;
        });
}
