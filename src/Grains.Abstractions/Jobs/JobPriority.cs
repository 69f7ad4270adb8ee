namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>How soon a job leaves the cluster's worker queue when the worker capacity is full (spec/jobs.md).</summary>
[GenerateSerializer, Alias("framecast.JobPriority")]
public enum JobPriority
{
    Urgent,
    High,
    Normal,
    Low,
}

public static class JobPriorities
{
    public static IReadOnlyList<string> Names { get; } = ["urgent", "high", "normal", "low"];

    public static string ToDb(this JobPriority priority) => Names[(int)priority];

    /// <summary>The exact lowercase names only: "Urgent" or "1" are not priorities.</summary>
    public static bool TryParse(string? value, out JobPriority priority)
    {
        var index = value is null ? -1 : Names.ToList().IndexOf(value);
        priority = index < 0 ? JobPriority.Normal : (JobPriority)index;
        return index >= 0;
    }

    public static JobPriority Parse(string value) =>
        TryParse(value, out var priority) ? priority : throw new FormatException($"'{value}' is not a job priority.");
}
