using Framecast.Api.Auth;
using Framecast.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Framecast.Api.Hubs;

/// <summary>
/// /hubs/jobs: the same job events as SSE, pushed to groups. On connect a client joins one group per
/// owner it may read (its user, its teams, its memberships); <see cref="SubscribeJob"/> adds one job (unless its
/// owner's group already brings its events, so each event reaches each connection once).
/// Authorization is the REST API's: the same bearer token (or `access_token` query parameter,
/// as browsers' WebSockets send it) and the same visibility rules.
/// </summary>
public sealed class JobsHub(OwnerAccess access, AccessPolicy policy, HubConnections connections) : Hub
{
    public const string Path = "/hubs/jobs";

    /// <summary>The client method every event is pushed to.</summary>
    public const string EventMethod = "jobEvent";

    private const string CountedKey = "counted";

    private const string OwnersKey = "owners";

    public static string JobGroup(Guid jobId) => $"job:{jobId:D}";

    public static string OwnerGroup(string ownerUrn) => $"owner:{ownerUrn}";

    public override async Task OnConnectedAsync()
    {
        var caller = await CallerAsync();
        var owners = (await access.AccessibleUrnsAsync(caller)).Select(urn => urn.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, OwnerGroup(owner));
        }
        Context.Items[OwnersKey] = owners;
        connections.Opened();
        Context.Items[CountedKey] = true;
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // Only connections that completed OnConnectedAsync were counted; a refused one threw before.
        if (Context.Items.Remove(CountedKey))
        {
            connections.Closed();
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Follow one job. Fails like GET /v1/jobs/:id when the job is not visible.</summary>
    public async Task SubscribeJob(Guid jobId)
    {
        var caller = await CallerAsync();
        string owner;
        try
        {
            owner = (await policy.AuthorizeJobAsync(caller, Operation.FollowJob, jobId, Context.ConnectionAborted)).Owner;
        }
        catch (DomainException ex)
        {
            throw new HubException($"{ex.Error.Code}: {ex.Message}");
        }
        // An event goes to the job's group and its owner's group; a connection in both would receive it twice.
        if (Context.Items.TryGetValue(OwnersKey, out var joined) && joined is HashSet<string> owners && owners.Contains(owner))
        {
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, JobGroup(jobId));
    }

    public Task UnsubscribeJob(Guid jobId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, JobGroup(jobId));

    private async Task<Caller> CallerAsync() =>
        Context.GetHttpContext() is { } http && await Caller.BindAsync(http) is { } caller
            ? caller
            : throw new HubException("UNAUTHENTICATED: a valid bearer token or API key is required.");
}
