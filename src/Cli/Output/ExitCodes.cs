namespace Framecast.Cli.Output;

/// <summary>What a script can tell apart from the exit status alone.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Any other refusal of the API (sign-in, permission, conflict, limits).</summary>
    public const int Failed = 1;

    /// <summary>A storyboard or argument the API (or the CLI) refused as invalid.</summary>
    public const int InvalidInput = 2;

    public const int InsufficientCredits = 3;

    /// <summary>The job ended failed or canceled.</summary>
    public const int JobFailed = 4;

    /// <summary>The API could not be reached, or the connection kept dropping.</summary>
    public const int Network = 5;

    /// <summary>Ctrl-C while following a job (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
