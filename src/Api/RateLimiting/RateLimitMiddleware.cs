using System.Globalization;
using Framecast.Api.Auth;
using Framecast.Api.Errors;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.RateLimits;
using Microsoft.Extensions.Options;

namespace Framecast.Api.RateLimiting;

/// <summary>
/// Spec 07 §1: one bucket per authenticated user (its JWT and all its keys), per tier; one for the operators (the
/// admin token); anonymous requests per client address. Each bucket is one grain (<see cref="IRateLimitBucketGrain"/>),
/// so the limit holds across the cluster whichever silo serves a request: one grain call per counted request.
/// <c>X-RateLimit-Limit/Remaining/Reset</c> on every response; over the limit, 429 RATE_LIMIT_EXCEEDED with
/// <c>retryAfter</c>, <c>Retry-After</c> and <c>X-RateLimit-RetryAfter</c>.
/// Health, the API document and the operators' dashboard are not counted (monitors, probes and the dashboard
/// poll them, and probes must not depend on the cluster): they skip the grain and carry this silo's last
/// sighting of the bucket (<see cref="BucketSightings"/>).
/// </summary>
public sealed class RateLimitMiddleware(
    RequestDelegate next, RateLimitOptions options, IGrainFactory grains, BucketSightings sightings, IOptions<AuthOptions> auth,
    ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Enabled)
        {
            await next(context);
            return;
        }
        var caller = context.Features.Get<CallerFeature>()?.Caller;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (bucket, limit) = caller is not null
            ? ($"user:{caller.UserId:N}", caller.Tier == UserTier.Creator ? options.CreatorPerWindow : options.StarterPerWindow)
            : IsOperator(context)
                ? ("operator", options.OperatorPerWindow)
            : IsSignIn(context.Request.Path)
                ? ($"auth:{address}", options.AuthPerWindow)
                : ($"ip:{address}", options.AnonymousPerWindow);
        var decision = IsExempt(context.Request.Path)
            ? sightings.Peek(bucket, limit, options.Window)
            : await HitAsync(bucket, limit);
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (!decision.Allowed)
        {
            headers["X-RateLimit-RetryAfter"] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            headers["Retry-After"] = headers["X-RateLimit-RetryAfter"];
        }
        // OnStarting: the headers survive the exception handler clearing the response.
        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }
            return Task.CompletedTask;
        });
        if (!decision.Allowed)
        {
            await ErrorResponses.WriteAsync(context, ErrorCodes.RateLimitExceeded,
                $"Rate limit exceeded. Retry in {decision.RetryAfterSeconds} seconds.", retryAfter: decision.RetryAfterSeconds);
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Fail-open when the bucket cannot answer in time (its silo just died, the cluster is overloaded): the limit
    /// guards fairness, not safety (credits, job limits and sign-in lockouts are enforced by their own grains), so a
    /// rate-limit hiccup must not become a 503 for requests that could succeed; the window restarts there anyway.
    /// </summary>
    private async Task<RateLimitDecision> HitAsync(string bucket, int limit)
    {
        try
        {
            var decision = await grains.GetGrain<IRateLimitBucketGrain>(bucket).HitAsync(limit, options.WindowSeconds).WaitAsync(options.Timeout);
            sightings.Record(bucket, decision);
            return decision;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            logger.LogWarning(ex, "Rate-limit bucket {Bucket} did not answer; the request is let through uncounted", bucket);
            return sightings.Peek(bucket, limit, options.Window);
        }
    }

    /// <summary>The admin token itself; a wrong guess stays anonymous traffic of its address.</summary>
    private bool IsOperator(HttpContext context) =>
        AdminTokenAuthentication.PresentedToken(context.Request.Headers.Authorization.ToString()) is { } token
        && AdminTokenAuthentication.Matches(token, auth.Value.AdminToken);

    private static bool IsSignIn(PathString path) =>
        path.StartsWithSegments("/v1/auth/signup") || path.StartsWithSegments("/v1/auth/token");

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/v1/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/docs") ||
        path.StartsWithSegments("/dashboard");
}
