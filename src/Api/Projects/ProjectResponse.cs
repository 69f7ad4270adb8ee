using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;

namespace Framecast.Api.Projects;

/// <summary>The Project object of get_project and every write (spec 04 §0.7): all fields, the storyboard, and the newest job.</summary>
public sealed record ProjectResponse(
    Guid Id,
    Guid TeamId,
    Guid CreatedBy,
    string? Name,
    ProjectStatus Status,
    JsonElement? Spec,
    LatestJob? LatestJob,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectResponse From(ProjectRecord project, LatestJob? latestJob) => new(
        project.Id, project.TeamId, project.CreatedBy, project.Name, project.Status,
        project.SpecJson is { } spec ? JsonDocument.Parse(spec).RootElement.Clone() : null, latestJob, project.CreatedAt, project.UpdatedAt);
}

/// <summary>A list item of list_projects: the storyboard is left out (spec 04 §6.1).</summary>
public sealed record ProjectSummaryResponse(
    Guid Id,
    Guid TeamId,
    Guid CreatedBy,
    string? Name,
    ProjectStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectSummaryResponse From(ProjectRecord project) => new(
        project.Id, project.TeamId, project.CreatedBy, project.Name, project.Status, project.CreatedAt, project.UpdatedAt);
}

/// <summary>The status of a project's newest job (<c>latest_job: { id, status } | null</c>).</summary>
public sealed record LatestJob(Guid Id, JobStatus Status);
