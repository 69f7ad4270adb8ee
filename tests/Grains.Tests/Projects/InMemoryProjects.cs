using System.Collections.Concurrent;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Persistence;
using Framecast.Grains.Projects;

namespace Framecast.Grains.Tests.Projects;

/// <summary>The project grain's store in memory, with the version fence of the real one and a stand-in for the credit
/// pool's render transitions (which write the row behind the grain's back).</summary>
public sealed class InMemoryProjects : IProjectStore
{
    private readonly ConcurrentDictionary<Guid, ProjectSnapshot> _rows = new();

    public int Writes { get; private set; }

    public Task<ProjectSnapshot?> LoadAsync(Guid projectId) => Task.FromResult(_rows.GetValueOrDefault(projectId));

    public Task<ProjectSnapshot> InsertAsync(Guid projectId, NewProject project)
    {
        var now = DateTimeOffset.UtcNow;
        var snapshot = new ProjectSnapshot(new ProjectRecord(projectId, project.TeamId, project.CreatedBy, project.Name,
            ProjectStatus.Draft, project.SpecJson, now, now, null), 1);
        _rows[projectId] = snapshot;
        return Task.FromResult(snapshot);
    }

    public Task<ProjectSnapshot> UpdateAsync(Guid projectId, long expectedVersion, string? name, string? specJson, ProjectStatus status)
    {
        var current = _rows[projectId];
        if (current.Version != expectedVersion)
        {
            throw new StaleStateException($"project {projectId}", expectedVersion);
        }
        Writes++;
        var next = new ProjectSnapshot(current.Project with { Name = name, SpecJson = specJson, Status = status, UpdatedAt = DateTimeOffset.UtcNow }, expectedVersion + 1);
        _rows[projectId] = next;
        return Task.FromResult(next);
    }

    public Task DeleteAsync(Guid projectId, long expectedVersion)
    {
        if (_rows[projectId].Version != expectedVersion)
        {
            throw new StaleStateException($"project {projectId}", expectedVersion);
        }
        _rows.TryRemove(projectId, out _);
        return Task.CompletedTask;
    }

    /// <summary>What the credit pool's admission or settlement does to the row: a status and a new version.</summary>
    public void MoveBehindTheGrain(Guid projectId, ProjectStatus status)
    {
        var current = _rows[projectId];
        _rows[projectId] = new ProjectSnapshot(current.Project with { Status = status }, current.Version + 1);
    }
}
