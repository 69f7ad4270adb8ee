namespace Framecast.Grains.Abstractions.Projects;

/// <summary>
/// One project: the only writer of its row's name, spec and archive state, so edits and the state machine's
/// checks never interleave. The render transitions (draft|completed → rendering → completed|draft) are written
/// by the team's credit pool in the same transaction as the job they follow, and the pool tells this grain.
/// The API checks the caller's role before it calls.
/// </summary>
[Alias("framecast.IProjectGrain")]
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <summary>The project as this grain holds it, or null when there is none. Read-only turns interleave with
    /// each other, never with a write, so a reload cannot overwrite what a write just committed.</summary>
    [ReadOnly]
    Task<ProjectRecord?> GetAsync();

    /// <summary>Another grain committed a change to the row (a render began or ended): reload before the next call.</summary>
    [AlwaysInterleave]
    Task RefreshAsync();

    Task<ProjectRecord> CreateAsync(NewProject project);

    /// <summary>update_project: any status but rendering; archived projects may be renamed.</summary>
    Task<ProjectRecord> RenameAsync(string name);

    /// <summary>update_spec: the whole storyboard, in draft or completed only; a completed project stays completed.</summary>
    Task<ProjectRecord> ReplaceSpecAsync(string specJson);

    Task<ProjectRecord> ArchiveAsync();

    Task<ProjectRecord> UnarchiveAsync();

    /// <summary>delete_project: not while rendering or while a job of the project is active; its assets go too.</summary>
    Task DeleteAsync();
}
