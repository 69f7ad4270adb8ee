using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Npgsql;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>Reads of jobs for the API. Reads go straight to the database: they change nothing a grain guards.</summary>
public sealed class JobQueries(NpgsqlDataSource dataSource)
{
    public async Task<JobRecord?> GetAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(
            new CommandDefinition($"SELECT {JobRow.Columns} FROM jobs WHERE id = @jobId", new { jobId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Newest first, keyset-paginated on (created_at, id).</summary>
    public async Task<JobPage> ListAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.Owners.Count == 0)
        {
            return new JobPage([], null);
        }
        var sql = new StringBuilder($"SELECT {JobRow.Columns} FROM jobs WHERE owner = ANY(@owners)");
        var args = new DynamicParameters();
        args.Add("owners", filter.Owners.ToArray());
        if (filter.Status is { } status)
        {
            sql.Append(" AND status = @status::job_status");
            args.Add("status", status.ToDb());
        }
        if (filter.ProjectId is { } projectId)
        {
            sql.Append(" AND project_id = @projectId");
            args.Add("projectId", projectId);
        }
        if (filter.CreatedAfter is { } after)
        {
            sql.Append(" AND created_at > @after");
            args.Add("after", after.UtcDateTime);
        }
        if (filter.CreatedBefore is { } before)
        {
            sql.Append(" AND created_at < @before");
            args.Add("before", before.UtcDateTime);
        }
        var (page, next) = await KeysetCursor.PageAsync<JobRow>(
            dataSource, sql, args, filter.Cursor, filter.Limit, "created_at", "id", r => (r.CreatedAt, r.Id), cancellationToken);
        return new JobPage(page.Select(r => r.ToRecord()).ToList(), next);
    }

    /// <summary>The type of the event with this sequence, or null when it is no longer kept (SSE resume).</summary>
    public async Task<JobEventType?> EventTypeAsync(Guid jobId, long sequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var type = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT event_type::text FROM job_events WHERE job_id = @jobId AND sequence = @sequence",
            new { jobId, sequence }, cancellationToken: cancellationToken));
        return type is null ? null : JobStates.ParseEventType(type);
    }
}

public sealed record JobFilter(
    IReadOnlyList<string> Owners,
    JobStatus? Status,
    Guid? ProjectId,
    DateTimeOffset? CreatedAfter,
    DateTimeOffset? CreatedBefore,
    string? Cursor,
    int Limit);

public sealed record JobPage(IReadOnlyList<JobRecord> Jobs, string? NextCursor);
