using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Webhooks;

namespace Framecast.Api.Auth;

/// <summary>The account, job, project, asset, webhook and automation operations, each with its access rule.</summary>
public enum Operation
{
    GetProfile,
    UpdateProfile,
    Upgrade,
    DeleteAccount,
    ListApiKeys,
    GetApiKey,
    CreateApiKey,
    UpdateApiKey,
    RevokeApiKey,
    ListTeams,
    CreateTeam,
    GetTeam,
    UpdateTeam,
    DeleteTeam,
    ListMembers,
    ChangeMemberRole,
    RemoveMember,
    LeaveTeam,
    ListInvitations,
    CreateInvitation,
    RevokeInvitation,
    ResendInvitation,
    AcceptInvitation,
    DeclineInvitation,
    CreateJob,
    ListJobs,
    GetJob,
    FollowJob,
    CancelJob,
    DeleteJob,
    CloneJob,
    ListProjects,
    CreateProject,
    GetProject,
    UpdateProject,
    ReplaceProjectSpec,
    DeleteProject,
    ArchiveProject,
    UnarchiveProject,
    RenderProject,
    ListAssets,
    GetAsset,
    CreateUploadUrl,
    ConfirmUpload,
    DeleteAsset,
    ListSystemAssets,
    GetSystemAsset,
    GetUsage,
    ListWebhooks,
    CreateWebhook,
    GetWebhook,
    UpdateWebhook,
    DeleteWebhook,
    RotateWebhookSecret,
    TestWebhook,
    ListWebhookDeliveries,
    RetryWebhookDelivery,
    ListAutomations,
    CreateAutomation,
    GetAutomation,
    UpdateAutomation,
    DeleteAutomation,
    TriggerAutomation,
    ListAutomationExecutions,
}

/// <summary>Who may call an operation: tier, API-key scope (null = any valid credential), JWT only, and for team
/// resources the role action checked against the matrix of spec 05 §2. <paramref name="TriggererMay"/>: on a job,
/// the user who started it may act whatever the role (spec 04 §5.6); on an asset, its uploader. <paramref name="TriggererOnly"/>:
/// nobody else may, 403 FORBIDDEN (confirm, spec 04 §7.4).</summary>
public sealed record AccessRule(bool CreatorOnly, string? Scope, TeamAction? TeamAction = null, bool JwtOnly = false, bool TriggererMay = false,
    bool TriggererOnly = false);

/// <summary>
/// Spec 05 in one place: the tier matrix, the scope per endpoint and the role × action matrix
/// (<see cref="TeamPermissions"/>), checked in the spec's guard order — authentication, tier, scope,
/// visibility (404), role (403). The team grain checks the role again inside its turn.
/// </summary>
public sealed class AccessPolicy(IGrainFactory grains, OwnerAccess owners)
{
    public static IReadOnlyDictionary<Operation, AccessRule> Rules { get; } = new Dictionary<Operation, AccessRule>
    {
        [Operation.GetProfile] = new(false, null),
        [Operation.UpdateProfile] = new(false, Scopes.All),
        [Operation.Upgrade] = new(false, Scopes.All),
        [Operation.DeleteAccount] = new(false, Scopes.All, JwtOnly: true),
        [Operation.ListApiKeys] = new(false, Scopes.All),
        [Operation.GetApiKey] = new(false, Scopes.All),
        [Operation.CreateApiKey] = new(false, Scopes.All),
        [Operation.UpdateApiKey] = new(false, Scopes.All),
        [Operation.RevokeApiKey] = new(false, Scopes.All),
        [Operation.ListTeams] = new(true, Scopes.TeamRead),
        [Operation.CreateTeam] = new(true, Scopes.TeamAdmin),
        [Operation.GetTeam] = new(true, Scopes.TeamRead, TeamAction.ViewTeam),
        [Operation.UpdateTeam] = new(true, Scopes.TeamAdmin, TeamAction.UpdateTeam),
        [Operation.DeleteTeam] = new(true, Scopes.TeamAdmin, TeamAction.DeleteTeam),
        [Operation.ListMembers] = new(true, Scopes.TeamRead, TeamAction.ViewMembers),
        [Operation.ChangeMemberRole] = new(true, Scopes.TeamAdmin, TeamAction.ChangeMemberRole),
        [Operation.RemoveMember] = new(true, Scopes.TeamAdmin, TeamAction.RemoveMember),
        [Operation.LeaveTeam] = new(true, Scopes.TeamAdmin, TeamAction.Leave),
        [Operation.ListInvitations] = new(true, Scopes.TeamAdmin, TeamAction.ViewInvitations),
        [Operation.CreateInvitation] = new(true, Scopes.TeamAdmin, TeamAction.Invite),
        [Operation.RevokeInvitation] = new(true, Scopes.TeamAdmin, TeamAction.RevokeInvitation),
        [Operation.ResendInvitation] = new(true, Scopes.TeamAdmin, TeamAction.ResendInvitation),
        [Operation.AcceptInvitation] = new(false, Scopes.All),
        [Operation.DeclineInvitation] = new(false, Scopes.All),
        // Job operations: the owner-URN check comes from OwnerAccess (creating) or visibility (the rest).
        [Operation.CreateJob] = new(false, Scopes.Generate),
        [Operation.ListJobs] = new(false, Scopes.JobsRead),
        [Operation.GetJob] = new(false, Scopes.JobsRead),
        [Operation.FollowJob] = new(false, Scopes.JobsRead),
        [Operation.CancelJob] = new(false, Scopes.JobsWrite, TeamAction.CancelAnyJob, TriggererMay: true),
        [Operation.DeleteJob] = new(false, Scopes.JobsWrite, TeamAction.CancelAnyJob, TriggererMay: true),
        [Operation.CloneJob] = new(false, Scopes.JobsWrite, TeamAction.CloneJob),
        // Project operations: Creator-only, on the project's team (spec 05 §1, §2).
        [Operation.ListProjects] = new(true, Scopes.ProjectsRead, TeamAction.ViewProjects),
        [Operation.CreateProject] = new(true, Scopes.ProjectsWrite, TeamAction.CreateProject),
        [Operation.GetProject] = new(true, Scopes.ProjectsRead, TeamAction.ViewProjects),
        [Operation.UpdateProject] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.ReplaceProjectSpec] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.DeleteProject] = new(true, Scopes.ProjectsWrite, TeamAction.DeleteProject),
        [Operation.ArchiveProject] = new(true, Scopes.ProjectsWrite, TeamAction.ArchiveProject),
        [Operation.UnarchiveProject] = new(true, Scopes.ProjectsWrite, TeamAction.ArchiveProject),
        [Operation.RenderProject] = new(true, Scopes.ProjectsWrite, TeamAction.Render),
        // Asset operations (spec 04 §7, 05 §2.1): visibility by owner URN; creating checks the owner through OwnerAccess.
        [Operation.ListAssets] = new(false, Scopes.AssetsRead),
        [Operation.GetAsset] = new(false, Scopes.AssetsRead),
        [Operation.CreateUploadUrl] = new(false, Scopes.AssetsWrite),
        [Operation.ConfirmUpload] = new(false, Scopes.AssetsWrite, TeamAction.UploadAssets, TriggererOnly: true),
        [Operation.DeleteAsset] = new(false, Scopes.AssetsWrite, TeamAction.DeleteAnyAsset, TriggererMay: true),
        // The catalog is for everyone signed in: either tier, any valid key whatever its scopes (spec 08 §5).
        [Operation.ListSystemAssets] = new(false, null),
        [Operation.GetSystemAsset] = new(false, null),
        // Usage is what the owner's jobs were charged and refunded: readable wherever those jobs are (spec 05 §3).
        [Operation.GetUsage] = new(false, Scopes.JobsRead),
        // Webhook operations: Creator-only, owners and admins of the webhook's team (spec 04 §9, 05 §2, §4).
        [Operation.ListWebhooks] = new(true, Scopes.WebhooksRead, TeamAction.ManageWebhooks),
        [Operation.CreateWebhook] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        [Operation.GetWebhook] = new(true, Scopes.WebhooksRead, TeamAction.ManageWebhooks),
        [Operation.UpdateWebhook] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        [Operation.DeleteWebhook] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        [Operation.RotateWebhookSecret] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        [Operation.TestWebhook] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        [Operation.ListWebhookDeliveries] = new(true, Scopes.WebhooksRead, TeamAction.ManageWebhooks),
        [Operation.RetryWebhookDelivery] = new(true, Scopes.WebhooksWrite, TeamAction.ManageWebhooks),
        // Automation operations: a project's, with the project's permissions — any member reads; owners, admins and members write.
        [Operation.ListAutomations] = new(true, Scopes.ProjectsRead, TeamAction.ViewProjects),
        [Operation.CreateAutomation] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.GetAutomation] = new(true, Scopes.ProjectsRead, TeamAction.ViewProjects),
        [Operation.UpdateAutomation] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.DeleteAutomation] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.TriggerAutomation] = new(true, Scopes.ProjectsWrite, TeamAction.EditProject),
        [Operation.ListAutomationExecutions] = new(true, Scopes.ProjectsRead, TeamAction.ViewProjects),
    };

    /// <summary>The scope an API key needs for a team action outside this issue's endpoints (projects, jobs, assets, webhooks).</summary>
    public static string ScopeFor(TeamAction action, bool write) => action switch
    {
        TeamAction.ViewTeam or TeamAction.ViewMembers => Scopes.TeamRead,
        TeamAction.ViewProjects => Scopes.ProjectsRead,
        TeamAction.CreateProject or TeamAction.EditProject or TeamAction.DeleteProject or TeamAction.ArchiveProject or TeamAction.Render => Scopes.ProjectsWrite,
        TeamAction.CancelAnyJob or TeamAction.CloneJob => Scopes.JobsWrite,
        TeamAction.ViewAssets => Scopes.AssetsRead,
        TeamAction.UploadAssets or TeamAction.DeleteAnyAsset => Scopes.AssetsWrite,
        TeamAction.ManageWebhooks => write ? Scopes.WebhooksWrite : Scopes.WebhooksRead,
        TeamAction.UseOwnerUrn => Scopes.Generate,
        _ => Scopes.TeamAdmin,
    };

    /// <summary>Checks an operation that names no team.</summary>
    public void Authorize(Caller caller, Operation operation)
    {
        var rule = Rules[operation];
        if (rule.TeamAction is not null)
        {
            throw new InvalidOperationException($"{operation} is a team operation; use AuthorizeTeamAsync.");
        }
        CheckCredential(caller, rule);
    }

    /// <summary>Checks a team operation and returns the team as the caller may see it.</summary>
    public Task<TeamState> AuthorizeTeamAsync(Caller caller, Operation operation, Guid teamId)
    {
        var rule = Rules[operation];
        CheckCredential(caller, rule);
        return RequireTeamRoleAsync(caller, teamId, rule.TeamAction ?? throw new InvalidOperationException($"{operation} names no team action."));
    }

    /// <summary>For other issues' team resources: tier, scope, then visibility and role.</summary>
    public Task<TeamState> AuthorizeTeamActionAsync(Caller caller, Guid teamId, TeamAction action, string scope)
    {
        CheckCredential(caller, new AccessRule(true, scope, action));
        return RequireTeamRoleAsync(caller, teamId, action);
    }

    /// <summary>
    /// A job operation, in the guard order: scope, then visibility — a job whose owner URN the caller cannot
    /// reach is 404, so existence does not leak — then, for a team's job, the role (or being its triggerer).
    /// </summary>
    public async Task<JobRecord> AuthorizeJobAsync(Caller caller, Operation operation, Guid jobId, CancellationToken cancellationToken)
    {
        var rule = Rules[operation];
        CheckCredential(caller, rule);
        // From the job's grain, not a query: the grain holds the row in memory once activated.
        var job = await grains.GetGrain<IJobGrain>(jobId).GetAsync().WaitAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        var owner = OwnerUrn.Parse(job.Owner);
        if (!await owners.CanAccessAsync(caller, owner))
        {
            throw new DomainException(ErrorCodes.JobNotFound, "No such job.");
        }
        if (rule.TeamAction is not { } action || (rule.TriggererMay && job.TriggeredBy == caller.UserId))
        {
            return job;
        }
        if (owner.TeamId is not { } teamId)
        {
            // A personal job: seeing it means owning it, except that only its triggerer may cancel or delete it.
            return rule.TriggererMay
                ? throw new DomainException(ErrorCodes.InsufficientRole, "Only the user who started the job may do this.")
                : job;
        }
        var role = await owners.RoleInTeamAsync(caller.UserId, teamId);
        if (role is null || !TeamPermissions.Allows(role.Value, action))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, rule.TriggererMay
                ? "Only the user who started the job or a team owner or admin may do this."
                : $"Your role ({role?.ToString().ToLowerInvariant() ?? "none"}) does not allow this action on the team's job.");
        }
        return job;
    }

    /// <summary>
    /// A project operation, in the guard order: tier and scope, then visibility — a project of a team the caller is
    /// not in is 404 PROJECT_NOT_FOUND — then the role (403). The project comes from its grain's memory.
    /// </summary>
    public async Task<ProjectRecord> AuthorizeProjectAsync(Caller caller, Operation operation, Guid projectId)
    {
        var rule = Rules[operation];
        CheckCredential(caller, rule);
        var project = await grains.GetGrain<IProjectGrain>(projectId).GetAsync();
        var role = project is null ? null : await owners.RoleInTeamAsync(caller.UserId, project.TeamId);
        if (project is null || role is null)
        {
            throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.", new Dictionary<string, object?> { ["project_id"] = projectId });
        }
        if (!TeamPermissions.Allows(role.Value, rule.TeamAction!.Value))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, $"Your role ({role.Value.ToString().ToLowerInvariant()}) does not allow this action on the team's projects.");
        }
        return project;
    }

    /// <summary>
    /// An asset operation, in the guard order: scope, then visibility (<paramref name="asset"/> null or of an owner URN
    /// the caller cannot reach: 404 ASSET_NOT_FOUND), then being its uploader, then for a team's asset the role.
    /// </summary>
    public async Task<AssetRecord> AuthorizeAssetAsync(Caller caller, Operation operation, AssetRecord? asset)
    {
        var rule = Rules[operation];
        CheckCredential(caller, rule);
        if (asset is null || !await owners.CanAccessAsync(caller, OwnerUrn.Parse(asset.Owner)))
        {
            throw new DomainException(ErrorCodes.AssetNotFound, "No such asset.");
        }
        var uploader = asset.UploadedBy == caller.UserId;
        if (rule.TriggererOnly && !uploader)
        {
            throw new DomainException(ErrorCodes.Forbidden, "Only the user who uploaded the asset may do this.");
        }
        if (rule.TeamAction is not { } action || (rule.TriggererMay && uploader) || OwnerUrn.Parse(asset.Owner).TeamId is not { } teamId)
        {
            // A personal asset: seeing it means being its user, who uploaded it.
            return asset;
        }
        var role = await owners.RoleInTeamAsync(caller.UserId, teamId);
        if (role is null || !TeamPermissions.Allows(role.Value, action))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, rule.TriggererMay
                ? "Only the uploader or a team owner or admin may do this."
                : $"Your role ({role?.ToString().ToLowerInvariant() ?? "none"}) does not allow this action on the team's assets.");
        }
        return asset;
    }

    /// <summary>An operation on what an owner URN holds, readable by whoever may read that URN (<c>user_can_access_owner</c>); 403 otherwise.</summary>
    public async Task AuthorizeOwnerReadAsync(Caller caller, Operation operation, OwnerUrn owner)
    {
        CheckCredential(caller, Rules[operation]);
        if (!await owners.CanAccessAsync(caller, owner))
        {
            throw new DomainException(ErrorCodes.OwnerNotAllowed, $"You cannot read what {owner} holds.",
                new Dictionary<string, object?> { ["owner"] = owner.ToString() });
        }
    }

    /// <summary>
    /// A webhook operation, in the guard order: tier and scope, then visibility — a webhook of a team the caller is not
    /// in is 404 (<paramref name="notFound"/>: WEBHOOK_NOT_FOUND, or DELIVERY_NOT_FOUND for a delivery's) — then the
    /// role (403). The webhook comes from its grain's memory.
    /// </summary>
    public async Task<WebhookRecord> AuthorizeWebhookAsync(Caller caller, Operation operation, Guid? webhookId, ErrorCode? notFound = null)
    {
        var rule = Rules[operation];
        CheckCredential(caller, rule);
        var webhook = webhookId is { } id ? await grains.GetGrain<IWebhookGrain>(id).GetAsync() : null;
        var role = webhook is null ? null : await owners.RoleInTeamAsync(caller.UserId, webhook.TeamId);
        if (webhook is null || role is null)
        {
            var code = notFound ?? ErrorCodes.WebhookNotFound;
            throw new DomainException(code, code == ErrorCodes.WebhookNotFound ? "No such webhook." : "No such delivery.");
        }
        if (!TeamPermissions.Allows(role.Value, rule.TeamAction!.Value))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, $"Your role ({role.Value.ToString().ToLowerInvariant()}) does not allow managing the team's webhooks.");
        }
        return webhook;
    }

    /// <summary>
    /// An automation operation: the project's guards (<see cref="AuthorizeProjectAsync"/>), then the automation, which must be
    /// the project's (404 AUTOMATION_NOT_FOUND otherwise, as when there is none). It comes from its grain's memory.
    /// </summary>
    public async Task<(ProjectRecord Project, AutomationRecord Automation)> AuthorizeAutomationAsync(
        Caller caller, Operation operation, Guid projectId, Guid automationId)
    {
        var project = await AuthorizeProjectAsync(caller, operation, projectId);
        var automation = await grains.GetGrain<IAutomationGrain>(automationId).GetAsync();
        if (automation is null || automation.ProjectId != projectId)
        {
            throw new DomainException(ErrorCodes.AutomationNotFound, "No such automation.",
                new Dictionary<string, object?> { ["automation_id"] = automationId });
        }
        return (project, automation);
    }

    private static void CheckCredential(Caller caller, AccessRule rule)
    {
        if (rule.JwtOnly)
        {
            caller.RequireJwt();
        }
        if (rule.CreatorOnly)
        {
            caller.RequireCreator();
        }
        if (rule.Scope is { } scope)
        {
            caller.RequireScope(scope);
        }
    }

    private async Task<TeamState> RequireTeamRoleAsync(Caller caller, Guid teamId, TeamAction action)
    {
        var team = await grains.GetGrain<ITeamGrain>(teamId).GetAsync();
        var role = team?.RoleOf(caller.UserId)
            ?? throw new DomainException(ErrorCodes.TeamNotFound, "Team not found.", new Dictionary<string, object?> { ["team_id"] = teamId });
        if (!TeamPermissions.Allows(role, action))
        {
            throw new DomainException(ErrorCodes.InsufficientRole, $"Your role ({role.ToString().ToLowerInvariant()}) does not allow this action.");
        }
        return team!;
    }
}
