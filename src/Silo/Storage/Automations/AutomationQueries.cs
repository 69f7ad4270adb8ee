using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Automations;
using Npgsql;

namespace Framecast.Silo.Storage.Automations;

/// <summary>Reads of automations and executions for the API (one automation is read from its grain).</summary>
public sealed class AutomationQueries(NpgsqlDataSource dataSource)
{
    /// <summary>A project's automations, newest first, keyset-paginated on (created_at, id).</summary>
    public async Task<AutomationPage<AutomationRecord>> ListAsync(Guid projectId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {AutomationRow.Columns} FROM automations a WHERE a.project_id = @projectId");
        var args = new DynamicParameters();
        args.Add("projectId", projectId);
        var (rows, next) = await KeysetCursor.PageAsync<AutomationRow>(dataSource, sql, args, cursor, limit, "a.created_at", "a.id",
            r => (r.CreatedAt, r.Id), cancellationToken);
        return new AutomationPage<AutomationRecord>(rows.Select(r => r.ToRecord()).ToList(), next);
    }

    /// <summary>An automation's executions, newest first, with their jobs' status.</summary>
    public async Task<AutomationPage<ExecutionRecord>> ListExecutionsAsync(Guid automationId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {ExecutionRow.Columns} FROM {ExecutionRow.From} WHERE e.automation_id = @automationId");
        var args = new DynamicParameters();
        args.Add("automationId", automationId);
        var (rows, next) = await KeysetCursor.PageAsync<ExecutionRow>(dataSource, sql, args, cursor, limit, "e.created_at", "e.id",
            r => (r.CreatedAt, r.Id), cancellationToken);
        return new AutomationPage<ExecutionRecord>(rows.Select(r => r.ToRecord()).ToList(), next);
    }
}
