using Framecast.Grains.Abstractions.Projects;

namespace Framecast.Grains.Projects;

/// <summary>A project row and the version the grain's next write must find.</summary>
public sealed record ProjectSnapshot(ProjectRecord Project, long Version);

/// <summary>
/// Storage of the project grain. Writes are conditional on the version the grain holds; a mismatch (the credit
/// pool moved the render status meanwhile) throws <see cref="Persistence.StaleStateException"/>.
/// </summary>
public interface IProjectStore
{
    Task<ProjectSnapshot?> LoadAsync(Guid projectId);

    /// <exception cref="Abstractions.Errors.DomainException">TEAM_NOT_FOUND when the team went meanwhile.</exception>
    Task<ProjectSnapshot> InsertAsync(Guid projectId, NewProject project);

    Task<ProjectSnapshot> UpdateAsync(Guid projectId, long expectedVersion, string? name, string? specJson, ProjectStatus status);

    /// <exception cref="Abstractions.Errors.DomainException">ACTIVE_JOBS_EXIST when a job of the project is queued or processing.</exception>
    Task DeleteAsync(Guid projectId, long expectedVersion);
}
