using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Job operations (spec 04 §5): create by generate or clone, list, get, cancel, delete, follow events.</summary>
public static class JobEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/generate", GenerateAsync).WithTags("Jobs").WithSummary("Create an ephemeral job from a storyboard (JSON or YAML)")
            .Accepts<object>("application/json", "application/yaml");
        var jobs = routes.MapGroup("/v1/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).WithSummary("List accessible jobs, newest first");
        jobs.MapGet("/{id:guid}", GetAsync).WithSummary("Get a job; output URLs are presigned for an hour");
        jobs.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancel a queued or processing job");
        jobs.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a terminal ephemeral job");
        jobs.MapPost("/{id:guid}/clone", CloneAsync).WithSummary("Create a new job from a job's storyboard");
        jobs.MapGet("/{id:guid}/events", JobEventStream.StreamAsync).WithSummary("Follow a job's events as Server-Sent Events");
        return routes;
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> GenerateAsync(
        Caller caller, HttpRequest request, OwnerAccess access, JobAdmission admission, ObjectStore store, CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.Generate);
        var body = await JsonBody.ReadAsync(request);
        var owner = body.OptionalString("owner", OwnerUrn.MaxLength) is { } urn ? OwnerUrn.Parse(urn) : OwnerUrn.ForUser(caller.UserId);
        var spec = body.RequiredObject("spec");
        var options = body.OptionalObject("options") ?? JsonBody.EmptyObject;
        var key = IdempotencyKey(request, body);
        await access.RequireUseAsync(caller, owner);
        var result = await admission.AdmitAsync(caller, owner, spec, options, projectId: null, key, cancellationToken);
        return Respond(result, store);
    }

    private static async Task<Ok<Page<JobResponse>>> ListAsync(
        Caller caller, OwnerAccess access, JobQueries queries, ObjectStore store,
        string? status, string? owner, Guid? project_id, DateTimeOffset? created_after, DateTimeOffset? created_before,
        string? cursor, int? limit, CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.JobsRead);
        var pageSize = limit ?? 20;
        if (pageSize is < 1 or > 100)
        {
            throw new DomainException(ErrorCodes.ValidationError, "'limit' must be between 1 and 100.", new Dictionary<string, object?> { ["field"] = "limit" });
        }
        JobStatus? statusFilter = status is null ? null
            : Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) && status.All(char.IsLower) ? parsed
            : throw new DomainException(ErrorCodes.ValidationError, "'status' must be queued, processing, completed, failed or canceled.",
                new Dictionary<string, object?> { ["field"] = "status" });
        var accessible = (await access.AccessibleUrnsAsync(caller)).Select(u => u.ToString()).ToList();
        if (owner is not null)
        {
            var wanted = OwnerUrn.Parse(owner).ToString();
            accessible = accessible.Contains(wanted) ? [wanted] : [];
        }
        var page = await queries.ListAsync(new JobFilter(accessible, statusFilter, project_id, created_after, created_before, cursor, pageSize), cancellationToken);
        return TypedResults.Ok(new Page<JobResponse>(page.Jobs.Select(j => JobResponse.From(j, store)).ToList(), page.NextCursor, page.NextCursor is not null));
    }

    private static async Task<Ok<JobResponse>> GetAsync(Guid id, Caller caller, OwnerAccess access, JobQueries queries, ObjectStore store, CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.JobsRead);
        var job = await VisibleJobAsync(id, caller, access, queries, cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, store));
    }

    private static async Task<Ok<JobResponse>> CancelAsync(
        Guid id, Caller caller, OwnerAccess access, JobQueries queries, IGrainFactory grains, ObjectStore store, CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.JobsWrite);
        var job = await VisibleJobAsync(id, caller, access, queries, cancellationToken);
        await RequireTriggeredByOrTeamAdminAsync(caller, job, access);
        // The job grain serializes cancels: exactly one settles, the others get 409 JOB_NOT_CANCELABLE.
        var ended = await grains.GetGrain<IJobGrain>(job.Id).CancelAsync(caller.UserId);
        return TypedResults.Ok(JobResponse.From(ended, store));
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, Caller caller, OwnerAccess access, JobQueries queries, IGrainFactory grains, CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.JobsWrite);
        var job = await VisibleJobAsync(id, caller, access, queries, cancellationToken);
        await RequireTriggeredByOrTeamAdminAsync(caller, job, access);
        await grains.GetGrain<IJobGrain>(job.Id).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> CloneAsync(
        Guid id, Caller caller, HttpRequest request, OwnerAccess access, JobQueries queries, JobAdmission admission, ObjectStore store,
        CancellationToken cancellationToken)
    {
        caller.RequireScope(Scopes.JobsWrite);
        var source = await VisibleJobAsync(id, caller, access, queries, cancellationToken);
        var sourceOwner = OwnerUrn.Parse(source.Owner);
        if (sourceOwner.TeamId is { } teamId && await access.RoleInTeamAsync(caller.UserId, teamId) is { } role &&
            !TeamPermissions.Allows(role, TeamAction.CloneJob))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, "Viewers cannot clone jobs.");
        }
        var body = await JsonBody.ReadAsync(request, optional: true);
        var owner = body.OptionalString("owner", OwnerUrn.MaxLength) is { } urn ? OwnerUrn.Parse(urn) : sourceOwner;
        await access.RequireUseAsync(caller, owner);
        var result = await admission.AdmitAsync(caller, owner, source.SpecSnapshot, source.Options, projectId: null, IdempotencyKey(request, body), cancellationToken);
        return Respond(result, store);
    }

    /// <summary>The job when the caller may see its owner; 404 otherwise, so existence does not leak.</summary>
    internal static async Task<JobRecord> VisibleJobAsync(Guid id, Caller caller, OwnerAccess access, JobQueries queries, CancellationToken cancellationToken)
    {
        var job = await queries.GetAsync(id, cancellationToken);
        if (job is null || !await access.CanAccessAsync(caller, OwnerUrn.Parse(job.Owner)))
        {
            throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        }
        return job;
    }

    /// <summary>Spec 04 §5.6: the triggering user, or an owner or admin of the job's team.</summary>
    private static async Task RequireTriggeredByOrTeamAdminAsync(Caller caller, JobRecord job, OwnerAccess access)
    {
        if (job.TriggeredBy == caller.UserId)
        {
            return;
        }
        if (OwnerUrn.Parse(job.Owner).TeamId is { } teamId && await access.RoleInTeamAsync(caller.UserId, teamId) is { } role &&
            TeamPermissions.Allows(role, TeamAction.CancelAnyJob))
        {
            return;
        }
        throw new DomainException(ErrorCodes.InsufficientRole, "Only the user who started the job or a team owner or admin may do this.");
    }

    private static string? IdempotencyKey(HttpRequest request, JsonBody body)
    {
        var header = request.Headers[IdempotencyHeader].ToString();
        var field = body.OptionalString("idempotency_key", 255);
        if (header.Length > 255)
        {
            throw new DomainException(ErrorCodes.ValidationError, $"The {IdempotencyHeader} header is longer than 255 characters.");
        }
        if (header.Length > 0 && field is not null && field != header)
        {
            throw new DomainException(ErrorCodes.ValidationError, $"The {IdempotencyHeader} header and 'idempotency_key' differ.");
        }
        return header.Length > 0 ? header : field;
    }

    private static Results<Created<JobResponse>, Ok<JobResponse>> Respond(AdmissionResult result, ObjectStore store)
    {
        var response = JobResponse.From(result.Job, store);
        return result.Created ? TypedResults.Created($"/v1/jobs/{result.Job.Id}", response) : TypedResults.Ok(response);
    }
}
