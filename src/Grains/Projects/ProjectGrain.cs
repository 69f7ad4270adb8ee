using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Persistence;

namespace Framecast.Grains.Projects;

/// <summary>
/// A project's edits and the state machine of spec 04 §6 (the guards of update, update_spec, archive, unarchive and
/// delete). The row is read once per activation; the credit pool's render transitions arrive as
/// <see cref="RefreshAsync"/>, and a write that still finds the row moved reloads and decides again, once.
/// </summary>
public sealed class ProjectGrain(IProjectStore store) : Grain, IProjectGrain
{
    private ProjectSnapshot? _state;
    private bool _stale = true;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<ProjectRecord?> GetAsync() => (await CurrentAsync())?.Project;

    public Task RefreshAsync()
    {
        _stale = true;
        return Task.CompletedTask;
    }

    public async Task<ProjectRecord> CreateAsync(NewProject project)
    {
        if (await CurrentAsync() is not null)
        {
            throw new InvalidOperationException($"Project {ProjectId} already exists.");
        }
        _state = await store.InsertAsync(ProjectId, project);
        return _state.Project;
    }

    public Task<ProjectRecord> RenameAsync(string name) => WriteAsync(project =>
    {
        Require(project.Status != ProjectStatus.Rendering, project, "renamed");
        return project with { Name = name };
    });

    public Task<ProjectRecord> ReplaceSpecAsync(string specJson) => WriteAsync(project =>
    {
        Require(project.Status is ProjectStatus.Draft or ProjectStatus.Completed, project, "edited");
        return project with { SpecJson = specJson };
    });

    public Task<ProjectRecord> ArchiveAsync() => WriteAsync(project =>
    {
        Require(project.Status is ProjectStatus.Draft or ProjectStatus.Completed, project, "archived");
        return project with { Status = ProjectStatus.Archived };
    });

    /// <summary>Back to draft: a completed status before the archive is not restored (spec 04 §6.8).</summary>
    public Task<ProjectRecord> UnarchiveAsync() => WriteAsync(project =>
    {
        Require(project.Status == ProjectStatus.Archived, project, "unarchived");
        return project with { Status = ProjectStatus.Draft };
    });

    /// <summary>
    /// Archived first, so no render can be admitted (the pool's transaction requires draft or completed) while the
    /// storage pool deletes the project's assets; then the row. Interrupted, the project stays archived and whole.
    /// </summary>
    public async Task DeleteAsync()
    {
        var archived = await RetryOnceWhenStaleAsync(async () =>
        {
            var state = await RequireAsync();
            Require(state.Project.Status != ProjectStatus.Rendering, state.Project, "deleted");
            if (state.Project.Status != ProjectStatus.Archived)
            {
                _state = await store.UpdateAsync(ProjectId, state.Version, state.Project.Name, state.Project.SpecJson, ProjectStatus.Archived);
            }
            return _state!.Project;
        });
        // The rows would cascade, but the objects and the team's storage counter are the storage pool's to change.
        await GrainFactory.GetGrain<IStoragePoolGrain>(new CreditPool(CreditPoolKind.Team, archived.TeamId).Key).DeleteProjectAssetsAsync(ProjectId);
        await store.DeleteAsync(ProjectId, _state!.Version);
        _state = null;
        DeactivateOnIdle();
    }

    private Task<ProjectRecord> WriteAsync(Func<ProjectRecord, ProjectRecord> change) => RetryOnceWhenStaleAsync(async () =>
    {
        var state = await RequireAsync();
        var next = change(state.Project);
        _state = await store.UpdateAsync(ProjectId, state.Version, next.Name, next.SpecJson, next.Status);
        return _state.Project;
    });

    /// <summary>
    /// The pool may have moved the render status after our last load (its refresh is on the way): a stale version, or a
    /// refusal decided on a copy this call did not load, is decided again on the fresh row, once.
    /// </summary>
    private async Task<ProjectRecord> RetryOnceWhenStaleAsync(Func<Task<ProjectRecord>> write)
    {
        var fresh = _stale;
        try
        {
            return await write();
        }
        catch (Exception e) when (e is StaleStateException || (!fresh && e is DomainException refusal && refusal.Error == ErrorCodes.InvalidProjectState))
        {
            _stale = true;
            return await write();
        }
    }

    private async Task<ProjectSnapshot?> CurrentAsync()
    {
        if (_stale)
        {
            _state = await store.LoadAsync(ProjectId);
            _stale = false;
        }
        return _state;
    }

    private async Task<ProjectSnapshot> RequireAsync() =>
        await CurrentAsync() ?? throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.");

    private static void Require(bool allowed, ProjectRecord project, string verb)
    {
        if (!allowed)
        {
            var status = project.Status.ToDb();
            throw new DomainException(ErrorCodes.InvalidProjectState, $"A {status} project cannot be {verb}.",
                new Dictionary<string, object?> { ["status"] = status });
        }
    }
}
