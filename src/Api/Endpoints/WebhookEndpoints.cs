using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Api.Webhooks;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Webhooks;
using Framecast.Silo.Storage.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Webhook operations (spec 04 §9): owners and admins of the webhook's team. The webhook's grain writes the
/// row and sends its deliveries; bodies are checked here (<see cref="WebhookRules"/>) before any grain is called.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var team = routes.MapGroup("/v1/teams/{teamId:guid}/webhooks").WithTags("Webhooks");
        team.MapGet("/", ListAsync).WithSummary("List a team's webhooks, newest first (secrets are never shown)");
        team.MapPost("/", CreateAsync).WithSummary("Create a webhook; the answer carries its signing secret, shown this once");

        var webhooks = routes.MapGroup("/v1/webhooks/{id:guid}").WithTags("Webhooks");
        webhooks.MapGet("/", GetAsync).WithSummary("Get a webhook");
        webhooks.MapPatch("/", UpdateAsync).WithSummary("Change a webhook's URL, events or is_active");
        webhooks.MapDelete("/", DeleteAsync).WithSummary("Delete a webhook and its deliveries");
        webhooks.MapPost("/rotate-secret", RotateSecretAsync).WithSummary("Replace the signing secret; the old one stops at once");
        webhooks.MapPost("/test", TestAsync).WithSummary("Send a webhook.test delivery now and answer with its outcome");
        webhooks.MapGet("/deliveries", ListDeliveriesAsync).WithSummary("List a webhook's deliveries, newest first");

        routes.MapPost("/v1/webhook-deliveries/{id:guid}/retry", RetryAsync).WithTags("Webhooks")
            .WithSummary("Send a failed delivery again, its attempts starting over");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<WebhookResponse>>> ListAsync(
        Guid teamId, Caller caller, AccessPolicy policy, WebhookQueries queries, CancellationToken cancellationToken)
    {
        await policy.AuthorizeTeamAsync(caller, Operation.ListWebhooks, teamId);
        var webhooks = await queries.ListAsync(teamId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookResponse>>([.. webhooks.Select(WebhookResponse.From)]);
    }

    private static async Task<Created<WebhookSecretResponse>> CreateAsync(
        Guid teamId, Caller caller, AccessPolicy policy, IGrainFactory grains, WebhookOptions options, HttpRequest request)
    {
        await policy.AuthorizeTeamAsync(caller, Operation.CreateWebhook, teamId);
        var body = await JsonBody.ReadAsync(request);
        var url = WebhookRules.RequireUrl(body.OptionalString("url", int.MaxValue), options.AllowLoopbackHttp);
        var events = WebhookRules.RequireEvents(Events(body) ?? throw Invalid("events", "'events' is required."));
        var created = await grains.GetGrain<IWebhookGrain>(Guid.NewGuid()).CreateAsync(new NewWebhook(teamId, caller.UserId, url, events));
        return TypedResults.Created($"/v1/webhooks/{created.Webhook.Id}", WebhookSecretResponse.From(created));
    }

    private static async Task<Ok<WebhookResponse>> GetAsync(Guid id, Caller caller, AccessPolicy policy) =>
        TypedResults.Ok(WebhookResponse.From(await policy.AuthorizeWebhookAsync(caller, Operation.GetWebhook, id)));

    private static async Task<Ok<WebhookResponse>> UpdateAsync(
        Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains, WebhookOptions options, HttpRequest request)
    {
        await policy.AuthorizeWebhookAsync(caller, Operation.UpdateWebhook, id);
        var body = await JsonBody.ReadAsync(request);
        var url = body.Root.TryGetProperty("url", out _) ? WebhookRules.RequireUrl(body.OptionalString("url", int.MaxValue), options.AllowLoopbackHttp) : null;
        var events = Events(body) is { } given ? WebhookRules.RequireEvents(given) : null;
        var active = body.OptionalBool("is_active");
        var updated = await grains.GetGrain<IWebhookGrain>(id).UpdateAsync(new WebhookChanges(url, events, active));
        return TypedResults.Ok(WebhookResponse.From(updated));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeWebhookAsync(caller, Operation.DeleteWebhook, id);
        await grains.GetGrain<IWebhookGrain>(id).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookSecretResponse>> RotateSecretAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeWebhookAsync(caller, Operation.RotateWebhookSecret, id);
        return TypedResults.Ok(WebhookSecretResponse.From(await grains.GetGrain<IWebhookGrain>(id).RotateSecretAsync()));
    }

    private static async Task<Ok<DeliveryResponse>> TestAsync(Guid id, Caller caller, AccessPolicy policy, IGrainFactory grains)
    {
        await policy.AuthorizeWebhookAsync(caller, Operation.TestWebhook, id);
        return TypedResults.Ok(DeliveryResponse.From(await grains.GetGrain<IWebhookGrain>(id).TestAsync()));
    }

    private static async Task<Ok<Page<DeliveryResponse>>> ListDeliveriesAsync(
        Guid id, Caller caller, AccessPolicy policy, WebhookQueries queries,
        string? status, string? event_type, DateTimeOffset? created_after, DateTimeOffset? created_before, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        await policy.AuthorizeWebhookAsync(caller, Operation.ListWebhookDeliveries, id);
        var pageSize = PageSize.From(limit);
        WebhookDeliveryStatus? statusFilter = status is null ? null
            : WebhookDeliveryStates.TryParse(status, out var parsed) ? parsed
            : throw Invalid("status", "'status' must be pending, retrying, delivered or failed.");
        var page = await queries.ListDeliveriesAsync(
            new DeliveryFilter(id, statusFilter, event_type, created_after, created_before, cursor, pageSize), cancellationToken);
        return TypedResults.Ok(new Page<DeliveryResponse>([.. page.Deliveries.Select(DeliveryResponse.From)], page.NextCursor, page.NextCursor is not null));
    }

    /// <summary>retry_webhook_delivery: a delivery of a team the caller is not in is 404, like one that does not exist.</summary>
    private static async Task<Ok<DeliveryResponse>> RetryAsync(
        Guid id, Caller caller, AccessPolicy policy, WebhookQueries queries, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var webhookId = await queries.WebhookOfDeliveryAsync(id, cancellationToken);
        var webhook = await policy.AuthorizeWebhookAsync(caller, Operation.RetryWebhookDelivery, webhookId, ErrorCodes.DeliveryNotFound);
        return TypedResults.Ok(DeliveryResponse.From(await grains.GetGrain<IWebhookGrain>(webhook.Id).RetryAsync(id)));
    }

    /// <summary><c>events</c> as given: null when absent, else an array of strings (any other shape is 400).</summary>
    private static List<string>? Events(JsonBody body)
    {
        if (!body.Root.TryGetProperty("events", out var events) || events.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (events.ValueKind != JsonValueKind.Array || events.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid("events", "'events' must be an array of event names.");
        }
        return [.. events.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });
}
