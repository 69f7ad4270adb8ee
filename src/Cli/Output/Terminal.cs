using Spectre.Console;

namespace Framecast.Cli.Output;

/// <summary>Where human output goes: stdout for results, stderr for messages, so <c>--json</c> output stays parseable.</summary>
public static class Terminal
{
    // The API's own spelling (snake_case enums), so --json output reads like the API's answers.
    private static readonly JsonSerializerOptions Indented = Options(indented: true);
    private static readonly JsonSerializerOptions Compact = Options(indented: false);

    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>A person at a terminal, who can answer a prompt and watch a progress bar.</summary>
    public static bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public static void Json(object? value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One JSON document per line, for streams a script reads as they come.</summary>
    public static void JsonLine(object? value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Compact));

    private static JsonSerializerOptions Options(bool indented)
    {
        var options = new JsonSerializerOptions { WriteIndented = indented };
        FramecastApi.ApplyJson(options);
        return options;
    }
}
