using System.Text.Json;
using Dapper;
using Npgsql;

namespace Framecast.Silo.Storage.Projects;

/// <summary>Reads of projects that job creation needs.</summary>
public sealed class ProjectQueries(NpgsqlDataSource dataSource)
{
    public async Task<ProjectRecord?> GetAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, Guid TeamId, string Status, string? Spec)?>(new CommandDefinition(
            "SELECT id, team_id, status::text, spec::text FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        if (row is not { } project)
        {
            return null;
        }
        JsonElement? spec = project.Spec is null ? null : JsonDocument.Parse(project.Spec).RootElement.Clone();
        return new ProjectRecord(project.Id, project.TeamId, project.Status, spec is { ValueKind: JsonValueKind.Null } ? null : spec);
    }
}

public sealed record ProjectRecord(Guid Id, Guid TeamId, string Status, JsonElement? Spec);
