using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>create_project_job (spec 04 §5.4): render a project's storyboard as a team job.</summary>
public static class ProjectRenderEndpoints
{
    public static IEndpointRouteBuilder MapProjectRenderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/projects/{id:guid}/render", RenderAsync).WithTags("Jobs").WithSummary("Render a project's storyboard; the team pays");
        return routes;
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>>> RenderAsync(
        Guid id, Caller caller, HttpRequest request, OwnerAccess access, ProjectQueries projects, JobAdmission admission, ObjectStore store,
        CancellationToken cancellationToken)
    {
        caller.RequireCreator();
        caller.RequireScope(Scopes.ProjectsWrite);
        var project = await projects.GetAsync(id, cancellationToken);
        var role = project is null ? null : await access.RoleInTeamAsync(caller.UserId, project.TeamId);
        var owner = project is null ? default : OwnerUrn.ForTeam(project.TeamId);
        if (project is null || role is null || !await access.CanAccessAsync(caller, owner))
        {
            throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.");
        }
        if (!TeamPermissions.Allows(role.Value, TeamAction.Render))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, "Viewers cannot render projects.");
        }
        if (project.Status is not ("draft" or "completed"))
        {
            throw new DomainException(ErrorCodes.InvalidProjectState, $"A {project.Status} project cannot be rendered.",
                new Dictionary<string, object?> { ["status"] = project.Status });
        }
        var spec = project.Spec ?? throw new DomainException(ErrorCodes.SpecMissing, "The project has no storyboard yet.");
        var body = await JsonBody.ReadAsync(request, optional: true);
        var result = await admission.AdmitAsync(caller, owner, spec, body.OptionalObject("options") ?? JsonBody.EmptyObject, project.Id, idempotencyKey: null, cancellationToken);
        var response = JobResponse.From(result.Job, store);
        return result.Created ? TypedResults.Created($"/v1/jobs/{result.Job.Id}", response) : TypedResults.Ok(response);
    }
}
