namespace Framecast.Yaml;

/// <summary>Input that is not one YAML document of plain JSON-like values, with where (1-based) it went wrong.</summary>
public sealed class YamlSyntaxException(string reason, long line, long column) : Exception($"{reason} (line {line}, column {column})")
{
    public string Reason { get; } = reason;

    public long Line { get; } = line;

    public long Column { get; } = column;
}
