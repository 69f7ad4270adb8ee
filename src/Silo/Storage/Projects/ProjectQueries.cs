using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Projects;
using Npgsql;

namespace Framecast.Silo.Storage.Projects;

/// <summary>Reads of projects for the API: a team's list. One project is read from its grain.</summary>
public sealed class ProjectQueries(NpgsqlDataSource dataSource)
{
    /// <summary>A team's projects, most recently updated first, keyset-paginated on (updated_at, id); archived ones only when asked.</summary>
    public async Task<ProjectPage> ListAsync(ProjectFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {ProjectRow.ListColumns} FROM projects p WHERE p.team_id = @teamId");
        var args = new DynamicParameters();
        args.Add("teamId", filter.TeamId);
        if (filter.Status is { } status)
        {
            sql.Append(" AND p.status = @status::project_status");
            args.Add("status", status.ToDb());
        }
        else if (!filter.IncludeArchived)
        {
            sql.Append(" AND p.status <> 'archived'");
        }
        var (page, next) = await KeysetCursor.PageAsync<ProjectRow>(
            dataSource, sql, args, filter.Cursor, filter.Limit, "p.updated_at", "p.id", r => (r.UpdatedAt, r.Id), cancellationToken);
        return new ProjectPage([.. page.Select(r => r.ToRecord())], next);
    }
}

/// <summary><paramref name="Status"/> given implies archived ones are included when it asks for them (spec 04 §6.1).</summary>
public sealed record ProjectFilter(Guid TeamId, ProjectStatus? Status, bool IncludeArchived, string? Cursor, int Limit);

public sealed record ProjectPage(IReadOnlyList<ProjectRecord> Projects, string? NextCursor);
