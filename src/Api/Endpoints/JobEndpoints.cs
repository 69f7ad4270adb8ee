using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
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
        routes.MapPost("/v1/generate", GenerateAsync).WithName("CreateJob").WithTags("Jobs").WithSummary("Create an ephemeral job from a storyboard (JSON or YAML)")
            .Accepts<object>("application/json", "application/yaml").AcceptsPreferWait();
        var jobs = routes.MapGroup("/v1/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("List accessible jobs, newest first");
        jobs.MapGet("/{id:guid}", GetAsync).WithName("GetJob").WithSummary("Get a job; output URLs are presigned for an hour");
        jobs.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelJob").WithSummary("Cancel a queued or processing job");
        jobs.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a terminal ephemeral job");
        jobs.MapPost("/{id:guid}/clone", CloneAsync).WithSummary("Create a new job from a job's storyboard, with optional overrides (a merge patch of it)")
            .Accepts<CloneJobRequest>("application/json").AcceptsPreferWait();
        jobs.MapGet("/{id:guid}/events", JobEventStream.StreamAsync).WithName("FollowJobEvents").WithSummary("Follow a job's events as Server-Sent Events");
        return routes;
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> GenerateAsync(
        Caller caller, HttpRequest request, AccessPolicy policy, OwnerAccess access, JobAdmission admission, JobWaiter waiter, ObjectStore store,
        CancellationToken cancellationToken)
    {
        policy.Authorize(caller, Operation.CreateJob);
        var wait = PreferWait.Parse(request);
        var body = await JsonBody.ReadAsync(request);
        // Without an owner in the body, an API key acts for its own owner (spec 05 §5.3), a JWT for the caller.
        var owner = body.OptionalString("owner", OwnerUrn.MaxLength) is { } urn ? OwnerUrn.Parse(urn) : OwnerAccess.DefaultOwner(caller);
        var spec = body.RequiredObject("spec");
        var options = body.OptionalObject("options") ?? JsonBody.EmptyObject;
        var wanted = new JobRequest(owner, caller.UserId, spec, options, IdempotencyKey: IdempotencyKey(request, body), Priority: body.Priority());
        await access.RequireUseAsync(caller, owner);
        var result = await admission.AdmitAsync(caller, wanted, cancellationToken);
        return await RespondAsync(result, wait, request.HttpContext, waiter, store);
    }

    private static async Task<Ok<Page<JobResponse>>> ListAsync(
        Caller caller, AccessPolicy policy, OwnerAccess access, JobQueries queries, ObjectStore store,
        string? status, string? owner, Guid? project_id, DateTimeOffset? created_after, DateTimeOffset? created_before,
        string? cursor, int? limit, CancellationToken cancellationToken)
    {
        policy.Authorize(caller, Operation.ListJobs);
        var pageSize = PageSize.From(limit);
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

    private static async Task<Ok<JobResponse>> GetAsync(
        Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, ObjectStore store, CancellationToken cancellationToken)
    {
        var job = await policy.AuthorizeJobAsync(caller, Operation.GetJob, id, cancellationToken);
        // Only a queued job has a place in line: one more grain call, and none for the others.
        var place = job.Status == JobStatus.Queued ? await grains.GetGrain<IWorkerQueueGrain>(IWorkerQueueGrain.Key).GetPlaceAsync(job.Id) : null;
        return TypedResults.Ok(JobResponse.From(job, store, place));
    }

    private static async Task<Ok<JobResponse>> CancelAsync(
        Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, ObjectStore store, CancellationToken cancellationToken)
    {
        var job = await policy.AuthorizeJobAsync(caller, Operation.CancelJob, id, cancellationToken);
        // The job grain serializes cancels: exactly one settles, the others get 409 JOB_NOT_CANCELABLE.
        var ended = await grains.GetGrain<IJobGrain>(job.Id).CancelAsync(caller.UserId);
        return TypedResults.Ok(JobResponse.From(ended, store));
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var job = await policy.AuthorizeJobAsync(caller, Operation.DeleteJob, id, cancellationToken);
        await grains.GetGrain<IJobGrain>(job.Id).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> CloneAsync(
        Guid id, Caller caller, HttpRequest request, AccessPolicy policy, OwnerAccess access, JobAdmission admission, JobWaiter waiter,
        ObjectStore store, CancellationToken cancellationToken)
    {
        var source = await policy.AuthorizeJobAsync(caller, Operation.CloneJob, id, cancellationToken);
        var wait = PreferWait.Parse(request);
        var sourceOwner = OwnerUrn.Parse(source.Owner);
        var body = await JsonBody.ReadAsync(request, optional: true);
        var owner = body.OptionalString("owner", OwnerUrn.MaxLength) is { } urn ? OwnerUrn.Parse(urn) : sourceOwner;
        // A remix: the overrides are merged into the source's storyboard, which is then validated and priced anew.
        var spec = body.OptionalObject("overrides") is { } overrides ? StoryboardMergePatch.Apply(source.SpecSnapshot, overrides) : source.SpecSnapshot;
        // A remix runs at the priority asked for, else at its source's.
        var priority = body.Root.TryGetProperty("priority", out _) ? body.Priority() : source.Priority;
        var wanted = new JobRequest(owner, caller.UserId, spec, source.Options, IdempotencyKey: IdempotencyKey(request, body), Priority: priority,
            SourceJobId: source.Id);
        await access.RequireUseAsync(caller, owner);
        var result = await admission.AdmitAsync(caller, wanted, cancellationToken);
        return await RespondAsync(result, wait, request.HttpContext, waiter, store);
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

    /// <summary>201 with a new job, 200 with the one an idempotency key found; after the hold of <c>Prefer: wait</c>, if asked.</summary>
    internal static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> RespondAsync(
        AdmissionResult result, TimeSpan? wait, HttpContext context, JobWaiter waiter, ObjectStore store)
    {
        var job = result.Job;
        if (wait is { } hold)
        {
            job = await waiter.WaitAsync(job, hold, context.RequestAborted);
            context.Response.Headers[PreferWait.AppliedHeader] = $"wait={(int)hold.TotalSeconds}";
        }
        var response = JobResponse.From(job, store);
        return result.Created ? TypedResults.Created($"/v1/jobs/{job.Id}", response) : TypedResults.Ok(response);
    }
}
