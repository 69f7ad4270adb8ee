using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Api.Projects;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Project operations (spec 04 §6) and create_project_job (§5.4). The rules live in the project grain and the credit pool.</summary>
public static class ProjectEndpoints
{
    public const int NameMaxLength = 200;

    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder routes)
    {
        var team = routes.MapGroup("/v1/teams/{teamId:guid}/projects").WithTags("Projects");
        team.MapGet("/", ListAsync).WithSummary("List a team's projects, most recently updated first");
        team.MapPost("/", CreateAsync).WithSummary("Create a draft project; its storyboard is optional and not validated yet");

        var projects = routes.MapGroup("/v1/projects/{id:guid}").WithTags("Projects");
        projects.MapGet("/", GetAsync).WithSummary("Get a project with its storyboard and the status of its newest job");
        projects.MapPatch("/", RenameAsync).WithSummary("Rename a project (not while it renders)");
        projects.MapPut("/spec", ReplaceSpecAsync).WithSummary("Replace a project's whole storyboard (JSON or YAML body; draft or completed)")
            .Accepts<object>("application/json", "application/yaml");
        projects.MapDelete("/", DeleteAsync).WithSummary("Delete a project and its assets; its jobs stay, detached");
        projects.MapPost("/archive", ArchiveAsync).WithSummary("Archive a draft or completed project");
        projects.MapPost("/unarchive", UnarchiveAsync).WithSummary("Bring an archived project back as a draft");
        projects.MapPost("/render", RenderAsync).WithTags("Jobs").WithSummary("Render a project's storyboard; the team pays").AcceptsPreferWait();
        return routes;
    }

    private static async Task<Ok<Page<ProjectSummaryResponse>>> ListAsync(
        Guid teamId, Caller caller, AccessPolicy policy, ProjectQueries queries,
        string? status, bool? include_archived, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        await policy.AuthorizeTeamAsync(caller, Operation.ListProjects, teamId);
        var pageSize = PageSize.From(limit);
        ProjectStatus? statusFilter = status is null ? null
            : ProjectStates.TryParseExact(status, out var parsed) ? parsed
            : throw Invalid("status", "'status' must be draft, rendering, completed or archived.");
        var page = await queries.ListAsync(new ProjectFilter(teamId, statusFilter, include_archived ?? false, cursor, pageSize), cancellationToken);
        return TypedResults.Ok(new Page<ProjectSummaryResponse>([.. page.Projects.Select(ProjectSummaryResponse.From)], page.NextCursor, page.NextCursor is not null));
    }

    private static async Task<Created<ProjectResponse>> CreateAsync(Guid teamId, Caller caller, AccessPolicy policy, IGrainFactory grains, HttpRequest request)
    {
        await policy.AuthorizeTeamAsync(caller, Operation.CreateProject, teamId);
        var body = await JsonBody.ReadAsync(request);
        var name = body.Name("name", NameMaxLength, required: true)!;
        string? spec = null;
        if (body.Root.TryGetProperty("spec", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            spec = StorableSpec(given);
        }
        var project = await grains.GetGrain<IProjectGrain>(Guid.NewGuid()).CreateAsync(new NewProject(teamId, caller.UserId, name, spec));
        return TypedResults.Created($"/v1/projects/{project.Id}", ProjectResponse.From(project, null));
    }

    private static async Task<Ok<ProjectResponse>> GetAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        var project = await policy.AuthorizeProjectAsync(caller, Operation.GetProject, id);
        return TypedResults.Ok(await RespondAsync(project, grains));
    }

    private static async Task<Ok<ProjectResponse>> RenameAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, HttpRequest request)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.UpdateProject, id);
        var body = await JsonBody.ReadAsync(request);
        if (body.Root.TryGetProperty("spec", out _))
        {
            throw Invalid("spec", "The storyboard is replaced with PUT /v1/projects/{id}/spec.");
        }
        var project = grains.GetGrain<IProjectGrain>(id);
        var updated = body.Name("name", NameMaxLength, required: false) is { } name
            ? await project.RenameAsync(name)
            : (await project.GetAsync())!;
        return TypedResults.Ok(await RespondAsync(updated, grains));
    }

    private static async Task<Ok<ProjectResponse>> ReplaceSpecAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, HttpRequest request)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.ReplaceProjectSpec, id);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid("body", "The body is the storyboard and must not be empty.");
        }
        var document = StoryboardDocument.Parse(text, request.ContentType);
        var updated = await grains.GetGrain<IProjectGrain>(id).ReplaceSpecAsync(StorableSpec(document.Root));
        return TypedResults.Ok(await RespondAsync(updated, grains));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.DeleteProject, id);
        await grains.GetGrain<IProjectGrain>(id).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ProjectResponse>> ArchiveAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.ArchiveProject, id);
        return TypedResults.Ok(await RespondAsync(await grains.GetGrain<IProjectGrain>(id).ArchiveAsync(), grains));
    }

    private static async Task<Ok<ProjectResponse>> UnarchiveAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.UnarchiveProject, id);
        return TypedResults.Ok(await RespondAsync(await grains.GetGrain<IProjectGrain>(id).UnarchiveAsync(), grains));
    }

    /// <summary>
    /// The guards of spec 04 §5.4 in order. The status checked here is the grain's; the credit pool checks it again
    /// inside the admission's transaction, so an archive that races this render cannot let both through.
    /// </summary>
    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> RenderAsync(
        Guid id, Caller caller, HttpRequest request, AccessPolicy policy, JobAdmission admission, JobWaiter waiter, ObjectStore store,
        CancellationToken cancellationToken)
    {
        var project = await policy.AuthorizeProjectAsync(caller, Operation.RenderProject, id);
        var wait = PreferWait.Parse(request);
        if (project.Status is not (ProjectStatus.Draft or ProjectStatus.Completed))
        {
            var status = project.Status.ToDb();
            throw new DomainException(ErrorCodes.InvalidProjectState, $"A {status} project cannot be rendered.",
                new Dictionary<string, object?> { ["status"] = status });
        }
        var specJson = project.SpecJson ?? throw new DomainException(ErrorCodes.SpecMissing, "The project has no storyboard yet.");
        var body = await JsonBody.ReadAsync(request, optional: true);
        using var spec = JsonDocument.Parse(specJson);
        var wanted = new JobRequest(OwnerUrn.ForTeam(project.TeamId), caller.UserId, spec.RootElement,
            body.OptionalObject("options") ?? JsonBody.EmptyObject, project.Id, Priority: body.Priority());
        var result = await admission.AdmitAsync(caller, wanted, cancellationToken);
        return await JobEndpoints.RespondAsync(result, wait, request.HttpContext, waiter, store);
    }

    /// <summary>The project with its newest job's status, read from that job's grain (it changes without the project).</summary>
    private static async Task<ProjectResponse> RespondAsync(ProjectRecord project, IGrainFactory grains)
    {
        var latest = project.LatestJobId is { } jobId && await grains.GetGrain<IJobGrain>(jobId).GetAsync() is { } job
            ? new LatestJob(job.Id, job.Status)
            : null;
        return ProjectResponse.From(project, latest);
    }

    /// <summary>update_spec and create store the storyboard unvalidated (spec 04 §6.3, §6.5), but it must be an object jsonb can hold.</summary>
    private static string StorableSpec(JsonElement spec)
    {
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("spec", "The storyboard must be a JSON object.");
        }
        StorableText.RequireStorable("spec", spec);
        return StoryboardDocument.FromJson(spec).Json;
    }

    private static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });
}
