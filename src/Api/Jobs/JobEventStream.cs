using System.Runtime.CompilerServices;
using System.Text;
using Framecast.Api.Auth;
using Framecast.Api.Endpoints;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Jobs;
using Framecast.Silo.Storage.Jobs;
using Microsoft.AspNetCore.Http.Features;

namespace Framecast.Api.Jobs;

/// <summary>
/// GET /v1/jobs/:id/events as Server-Sent Events (spec 06 §7.3): `id: {job_id}:{sequence}`,
/// `event: {event_type}`, `data: {payload}`; resumes after Last-Event-ID (410 when that event is
/// no longer kept, 204 when that event ended the job), sends a keep-alive comment every 15 s and closes after the
/// terminal event.
/// </summary>
public static class JobEventStream
{
    public static async Task StreamAsync(
        Guid id, Caller caller, HttpContext context, AccessPolicy policy, JobQueries queries, JobEventFeed feed, SseOptions options,
        CancellationToken cancellationToken)
    {
        var job = await policy.AuthorizeJobAsync(caller, Operation.FollowJob, id, cancellationToken);
        var (after, afterTerminal) = await ResumePositionAsync(context.Request.Headers["Last-Event-ID"].ToString(), job.Id, queries, cancellationToken);
        if (afterTerminal)
        {
            // Nothing can follow a terminal event; 204 is what tells an EventSource to stop reconnecting.
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync("retry: 3000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        using var follower = feed.Follow(job.Id);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var events = await follower.NextAsync(after, options.KeepAliveInterval, cancellationToken);
                if (events.Count == 0)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                }
                foreach (var e in events)
                {
                    // The same event goes to every follower: its frame is encoded once, and the writer flushes it.
                    await response.BodyWriter.WriteAsync(EncodedFrames.GetValue(e, Encode), cancellationToken);
                    after = e.Sequence;
                }
                await response.Body.FlushAsync(cancellationToken);
                if (events.Any(e => e.EventType.IsTerminal()))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Keyed by the event instance the feed's buffer shares among followers; dropped with it.</summary>
    private static readonly ConditionalWeakTable<JobEvent, byte[]> EncodedFrames = new();

    private static byte[] Encode(JobEvent e) => Encoding.UTF8.GetBytes(Frame(e));

    public static string Frame(JobEvent e) =>
        new StringBuilder()
            .Append("id: ").Append(e.JobId.ToString("D")).Append(':').Append(e.Sequence).Append('\n')
            .Append("event: ").Append(e.EventType.ToDb()).Append('\n')
            .Append("data: ").Append(e.Payload.GetRawText()).Append("\n\n")
            .ToString();

    /// <summary>The sequence to resume after, and whether that event ended the job.</summary>
    private static async Task<(long After, bool Terminal)> ResumePositionAsync(
        string lastEventId, Guid jobId, JobQueries queries, CancellationToken cancellationToken)
    {
        if (lastEventId.Length == 0)
        {
            return (0, false);
        }
        var split = lastEventId.LastIndexOf(':');
        if (split < 0 || !Guid.TryParse(lastEventId[..split], out var eventJob) || eventJob != jobId ||
            !long.TryParse(lastEventId[(split + 1)..], out var sequence) || sequence < 0)
        {
            throw new DomainException(ErrorCodes.ValidationError, "Last-Event-ID must be '{job_id}:{sequence}' of this job.",
                new Dictionary<string, object?> { ["field"] = "Last-Event-ID" });
        }
        if (sequence == 0)
        {
            return (0, false);
        }
        var type = await queries.EventTypeAsync(jobId, sequence, cancellationToken)
            ?? throw new DomainException(ErrorCodes.EventsExpired, "That event is no longer kept; read the job with GET /v1/jobs/:id.");
        return (sequence, type.IsTerminal());
    }
}
