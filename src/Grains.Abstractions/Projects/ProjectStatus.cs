namespace Framecast.Grains.Abstractions.Projects;

/// <summary>A project's lifecycle (spec 04 §6): draft → rendering → completed | draft; draft/completed ⇄ archived.</summary>
[GenerateSerializer, Alias("framecast.ProjectStatus")]
public enum ProjectStatus
{
    Draft,
    Rendering,
    Completed,
    Archived,
}

public static class ProjectStates
{
    /// <summary>The database enum's spelling.</summary>
    public static string ToDb(this ProjectStatus status) => status.ToString().ToLowerInvariant();

    public static ProjectStatus Parse(string value) => Enum.Parse<ProjectStatus>(value, ignoreCase: true);

    /// <summary>The query parameter's spelling, exactly: lower case, one of the four.</summary>
    public static bool TryParseExact(string value, out ProjectStatus status)
    {
        status = default;
        return value.All(char.IsAsciiLetterLower) && Enum.TryParse(value, ignoreCase: true, out status);
    }
}
