namespace Framecast.Api.Hubs;

/// <summary>
/// Browsers' WebSockets cannot send headers, so SignalR clients pass the bearer token as the
/// `access_token` query parameter; on the hub's path it becomes the Authorization header that
/// authentication reads. Runs before authentication.
/// </summary>
public sealed class HubAccessTokenMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(JobsHub.Path) &&
            context.Request.Query["access_token"].ToString() is { Length: > 0 } token &&
            !context.Request.Headers.ContainsKey("Authorization"))
        {
            context.Request.Headers.Authorization = $"Bearer {token}";
        }
        return next(context);
    }
}
