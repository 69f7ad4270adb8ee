using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Automations;
using Framecast.Api.Jobs;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Automations;
using Framecast.Silo.Storage.Automations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>
/// A project's automations (spec/automations.md), with the project's permissions. Bodies, cron expressions, time zones
/// and placeholders are checked here, before any grain is called; the automation's grain writes its row and fires.
/// The inbound hook has no user: its signature is checked by the grain, which holds the secret.
/// </summary>
public static class AutomationEndpoints
{
    /// <summary>The most an inbound hook's body may have.</summary>
    public const int HookBodyMaxBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapAutomationEndpoints(this IEndpointRouteBuilder routes)
    {
        var project = routes.MapGroup("/v1/projects/{id:guid}/automations").WithTags("Automations");
        project.MapGet("/", ListAsync).WithName("ListAutomations").WithSummary("List a project's automations, newest first");
        project.MapPost("/", CreateAsync).WithName("CreateAutomation")
            .WithSummary("Create an automation; a webhook automation's signing secret is in this answer only");
        project.MapGet("/{automationId:guid}", GetAsync).WithName("GetAutomation").WithSummary("Get an automation");
        project.MapPatch("/{automationId:guid}", UpdateAsync).WithName("UpdateAutomation")
            .WithSummary("Change an automation's name, enabled, schedule, variables or job options");
        project.MapDelete("/{automationId:guid}", DeleteAsync).WithName("DeleteAutomation").WithSummary("Delete an automation and its executions");
        project.MapPost("/{automationId:guid}/trigger", TriggerAsync).WithName("TriggerAutomation")
            .WithSummary("Fire an automation now; the optional JSON body is trigger.payload");
        project.MapGet("/{automationId:guid}/executions", ListExecutionsAsync).WithName("ListAutomationExecutions")
            .WithSummary("List an automation's executions, newest first, with their jobs' status");

        routes.MapPost("/v1/automations/{automationId:guid}/hook", HookAsync).WithName("InvokeAutomationHook").WithTags("Automations")
            .WithSummary("Fire a webhook automation: no user, signed with X-Framecast-Signature; the JSON body is trigger.payload")
            .Accepts<object>("application/json");
        return routes;
    }

    private static async Task<Ok<Page<AutomationResponse>>> ListAsync(
        Guid id, Caller caller, AccessPolicy policy, AutomationQueries queries, TimeProvider clock, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        await policy.AuthorizeProjectAsync(caller, Operation.ListAutomations, id);
        var page = await queries.ListAsync(id, cursor, PageSize.From(limit), cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<AutomationResponse>([.. page.Items.Select(a => AutomationResponse.From(a, now))], page.NextCursor, page.NextCursor is not null));
    }

    private static async Task<Created<AutomationCreatedResponse>> CreateAsync(
        Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, TimeProvider clock, HttpRequest request)
    {
        var project = await policy.AuthorizeProjectAsync(caller, Operation.CreateAutomation, id);
        var body = await JsonBody.ReadAsync(request);
        var name = body.Name("name", AutomationRules.NameMaxLength, required: true)!;
        var enabled = body.OptionalBool("enabled") ?? true;
        var trigger = ParseTrigger(body.Root.TryGetProperty("trigger", out var given) ? given : default, null);
        var variables = body.Root.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null
            ? AutomationRules.ParseVariables(vars) : [];
        var options = JobOptions(body) ?? "{}";
        RequireEditable(project);
        AutomationRules.RequireKnownPlaceholders(project.SpecJson, trigger.Type, variables);
        var created = await grains.GetGrain<IAutomationGrain>(Guid.NewGuid())
            .CreateAsync(new NewAutomation(project.Id, project.TeamId, caller.UserId, name, enabled, trigger, variables, options));
        return TypedResults.Created($"/v1/projects/{project.Id}/automations/{created.Automation.Id}", AutomationCreatedResponse.From(created, clock.GetUtcNow()));
    }

    private static async Task<Ok<AutomationResponse>> GetAsync(Guid id, Guid automationId, Caller caller, AccessPolicy policy, TimeProvider clock)
    {
        var (_, automation) = await policy.AuthorizeAutomationAsync(caller, Operation.GetAutomation, id, automationId);
        return TypedResults.Ok(AutomationResponse.From(automation, clock.GetUtcNow()));
    }

    private static async Task<Ok<AutomationResponse>> UpdateAsync(
        Guid id, Guid automationId, Caller caller, AccessPolicy policy, IGrainFactory grains, TimeProvider clock, HttpRequest request)
    {
        var (project, automation) = await policy.AuthorizeAutomationAsync(caller, Operation.UpdateAutomation, id, automationId);
        var body = await JsonBody.ReadAsync(request);
        var name = body.Name("name", AutomationRules.NameMaxLength, required: false);
        var enabled = body.OptionalBool("enabled");
        var trigger = body.Root.TryGetProperty("trigger", out var given) && given.ValueKind != JsonValueKind.Null
            ? ParseTrigger(given, automation.Trigger) : null;
        var variables = body.Root.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null
            ? AutomationRules.ParseVariables(vars) : null;
        var options = JobOptions(body);
        RequireEditable(project);
        AutomationRules.RequireKnownPlaceholders(project.SpecJson, automation.Trigger.Type, variables ?? automation.Variables);
        var updated = await grains.GetGrain<IAutomationGrain>(automationId).UpdateAsync(new AutomationChanges(name, enabled, trigger, variables, options));
        return TypedResults.Ok(AutomationResponse.From(updated, clock.GetUtcNow()));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, Guid automationId, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeAutomationAsync(caller, Operation.DeleteAutomation, id, automationId);
        await grains.GetGrain<IAutomationGrain>(automationId).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<ExecutionResponse>> TriggerAsync(
        Guid id, Guid automationId, Caller caller, AccessPolicy policy, IGrainFactory grains, HttpRequest request)
    {
        await policy.AuthorizeAutomationAsync(caller, Operation.TriggerAutomation, id, automationId);
        var body = await JsonBody.ReadAsync(request, optional: true);
        var execution = await grains.GetGrain<IAutomationGrain>(automationId).TriggerAsync(body.Root.GetRawText());
        return TypedResults.Accepted($"/v1/projects/{id}/automations/{automationId}/executions", ExecutionResponse.From(execution));
    }

    private static async Task<Ok<Page<ExecutionResponse>>> ListExecutionsAsync(
        Guid id, Guid automationId, Caller caller, AccessPolicy policy, AutomationQueries queries, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        await policy.AuthorizeAutomationAsync(caller, Operation.ListAutomationExecutions, id, automationId);
        var page = await queries.ListExecutionsAsync(automationId, cursor, PageSize.From(limit), cancellationToken);
        return TypedResults.Ok(new Page<ExecutionResponse>([.. page.Items.Select(ExecutionResponse.From)], page.NextCursor, page.NextCursor is not null));
    }

    /// <summary>The exact bytes are what the signature covers, so the body is read raw and handed to the grain as it came.</summary>
    private static async Task<Accepted<ExecutionResponse>> HookAsync(Guid automationId, IGrainFactory grains, HttpRequest request)
    {
        if (request.ContentLength > HookBodyMaxBytes)
        {
            throw TooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > HookBodyMaxBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var signature = request.Headers[HookSignature.Header].ToString();
        var execution = await grains.GetGrain<IAutomationGrain>(automationId).HookAsync(new HookCall(signature.Length == 0 ? null : signature, buffer.ToArray()));
        return TypedResults.Accepted($"/v1/automations/{automationId}/hook", ExecutionResponse.From(execution));
    }

    /// <summary><c>trigger</c> on create (<paramref name="current"/> null: required, with its type) or update (the type may be
    /// repeated but not changed; an omitted cron or time zone keeps the current one).</summary>
    private static AutomationTrigger ParseTrigger(JsonElement trigger, AutomationTrigger? current)
    {
        if (trigger.ValueKind != JsonValueKind.Object)
        {
            throw AutomationRules.Invalid("trigger", current is null
                ? "'trigger' is required: {type: schedule | webhook | asset_upload, cron?, timezone?}."
                : "'trigger' must be an object.");
        }
        var typeText = StringField(trigger, "type");
        AutomationTriggerType type;
        if (typeText is null && current is not null)
        {
            type = current.Type;
        }
        else if (!AutomationTriggerTypes.TryParseOwn(typeText, out type))
        {
            throw AutomationRules.Invalid("trigger.type", "'trigger.type' must be schedule, webhook or asset_upload.");
        }
        if (current is not null && type != current.Type)
        {
            throw AutomationRules.Invalid("trigger.type", "An automation's trigger type cannot change; create another automation.");
        }
        var cron = StringField(trigger, "cron") ?? (current?.Cron);
        var timeZone = StringField(trigger, "timezone") ?? current?.TimeZone ?? "UTC";
        AutomationRules.ParseTimeZone(timeZone);
        if (type == AutomationTriggerType.Schedule)
        {
            AutomationRules.ParseCron(cron);
        }
        else if (StringField(trigger, "cron") is not null)
        {
            throw AutomationRules.Invalid("trigger.cron", "'trigger.cron' is only for schedule triggers.");
        }
        return new AutomationTrigger(type, type == AutomationTriggerType.Schedule ? cron!.Trim() : null, timeZone);
    }

    private static string? StringField(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= 255 ? value.GetString()
        : throw AutomationRules.Invalid($"trigger.{name}", $"'trigger.{name}' must be a string.");

    /// <summary>The <c>options</c> every job of the automation gets, as the generate endpoint takes them.</summary>
    private static string? JobOptions(JsonBody body) => body.OptionalObject("options") is { } options ? options.GetRawText() : null;

    /// <summary>An archived project takes no automation changes (it cannot render either).</summary>
    private static void RequireEditable(ProjectRecord project)
    {
        if (project.Status == ProjectStatus.Archived)
        {
            throw new DomainException(ErrorCodes.InvalidProjectState, "An archived project's automations cannot be created or changed.",
                new Dictionary<string, object?> { ["status"] = project.Status.ToDb() });
        }
    }

    private static DomainException TooLarge() =>
        new(ErrorCodes.PayloadTooLarge, $"A hook's body may have at most {HookBodyMaxBytes} bytes.");
}
