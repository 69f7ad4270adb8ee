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
        if (filter.Cursor is { } cursor)
        {
            var (at, id) = KeysetCursor.Decode(cursor);
            sql.Append(" AND (p.updated_at, p.id) < (@cursorAt, @cursorId)");
            args.Add("cursorAt", at);
            args.Add("cursorId", id);
        }
        sql.Append(" ORDER BY p.updated_at DESC, p.id DESC LIMIT @limit");
        args.Add("limit", filter.Limit + 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProjectRow>(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(filter.Limit).ToList();
        var next = rows.Count > filter.Limit ? KeysetCursor.Encode(page[^1].UpdatedAt, page[^1].Id) : null;
        return new ProjectPage([.. page.Select(r => r.ToRecord())], next);
    }
}

/// <summary><paramref name="Status"/> given implies archived ones are included when it asks for them (spec 04 §6.1).</summary>
public sealed record ProjectFilter(Guid TeamId, ProjectStatus? Status, bool IncludeArchived, string? Cursor, int Limit);

public sealed record ProjectPage(IReadOnlyList<ProjectRecord> Projects, string? NextCursor);
