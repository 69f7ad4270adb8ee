using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Persistence;
using Framecast.Grains.Projects;
using Npgsql;

namespace Framecast.Silo.Storage.Projects;

/// <summary>The project grain's rows. Each write is one statement (or one transaction for delete), conditional on the version.</summary>
public sealed class PostgresProjectStore(NpgsqlDataSource dataSource) : IProjectStore
{
    public async Task<ProjectSnapshot?> LoadAsync(Guid projectId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>(
            $"SELECT {ProjectRow.Columns} FROM projects p WHERE p.id = @projectId", new { projectId });
        return row?.ToSnapshot();
    }

    public async Task<ProjectSnapshot> InsertAsync(Guid projectId, NewProject project)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var row = await connection.QuerySingleAsync<ProjectRow>($"""
                WITH p AS (
                    INSERT INTO projects (id, team_id, created_by, name, status, spec)
                    VALUES (@projectId, @TeamId, @CreatedBy, @Name, 'draft', @SpecJson::jsonb)
                    RETURNING *)
                SELECT {ProjectRow.Columns} FROM p
                """, new { projectId, project.TeamId, project.CreatedBy, project.Name, project.SpecJson });
            return row.ToSnapshot();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new DomainException(ErrorCodes.TeamNotFound, "Team not found.", new Dictionary<string, object?> { ["team_id"] = project.TeamId });
        }
    }

    public async Task<ProjectSnapshot> UpdateAsync(Guid projectId, long expectedVersion, string? name, string? specJson, ProjectStatus status)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>($"""
            WITH p AS (
                UPDATE projects SET name = @name, spec = @specJson::jsonb, status = @status::project_status,
                    updated_at = now(), version = version + 1
                WHERE id = @projectId AND version = @expectedVersion
                RETURNING *)
            SELECT {ProjectRow.Columns} FROM p
            """, new { projectId, expectedVersion, name, specJson, status = status.ToDb() });
        return row?.ToSnapshot() ?? throw new StaleStateException($"project {projectId:D}", expectedVersion);
    }

    public async Task DeleteAsync(Guid projectId, long expectedVersion)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // The row lock orders this delete after (or before) an admission that is inserting a job of the project.
        var version = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT version FROM projects WHERE id = @projectId FOR UPDATE", new { projectId }, transaction);
        if (version != expectedVersion)
        {
            throw new StaleStateException($"project {projectId:D}", expectedVersion);
        }
        if (await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE project_id = @projectId AND status IN ('queued', 'processing'))", new { projectId }, transaction))
        {
            throw new DomainException(ErrorCodes.ActiveJobsExist, "A job of this project is queued or processing.");
        }
        await connection.ExecuteAsync("DELETE FROM projects WHERE id = @projectId", new { projectId }, transaction);
        await transaction.CommitAsync();
    }
}
