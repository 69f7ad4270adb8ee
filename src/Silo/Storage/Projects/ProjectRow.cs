using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Projects;

namespace Framecast.Silo.Storage.Projects;

/// <summary>A projects row as Dapper reads it with <see cref="Columns"/> or <see cref="ListColumns"/>, with the id of the project's newest job.</summary>
internal sealed class ProjectRow
{
    public const string Columns = ListColumns + ", p.spec::text AS Spec";

    /// <summary>Without the storyboard, which lists leave out (it can be 100 KB a row).</summary>
    public const string ListColumns = """
        p.id AS Id, p.team_id AS TeamId, p.created_by AS CreatedBy, p.name AS Name, p.status::text AS Status,
        p.version AS Version, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt,
        (SELECT j.id FROM jobs j WHERE j.project_id = p.id ORDER BY j.created_at DESC, j.id DESC LIMIT 1) AS LatestJobId
        """;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public string? Name { get; set; }
    public string Status { get; set; } = "";
    public string? Spec { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? LatestJobId { get; set; }

    public ProjectRecord ToRecord() => new(Id, TeamId, CreatedBy, Name, ProjectStates.Parse(Status),
        Spec is null or "null" ? null : Spec, new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero), LatestJobId);

    public ProjectSnapshot ToSnapshot() => new(ToRecord(), Version);
}
