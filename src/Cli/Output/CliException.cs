namespace Framecast.Cli.Output;

/// <summary>A failure the CLI explains in one message and ends with <see cref="ExitCode"/>.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
