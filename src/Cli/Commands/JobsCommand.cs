using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Framecast.Cli.Streaming;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary><c>framecast jobs list|get|cancel|events</c>.</summary>
public static class JobsCommand
{
    public static Command Create()
    {
        var jobs = new Command("jobs", "List, inspect, cancel and follow jobs");

        var status = new Option<string?>("--status") { Description = "Only jobs in this status (queued, processing, completed, failed, canceled)" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first (1 to 100)", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "Your jobs and your teams', newest first") { status, limit };
        list.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var page = await session.Api.ListJobsAsync(status: parse.GetValue(status), limit: parse.GetValue(limit), cancellationToken: cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(page);
                return;
            }
            var table = new Table().AddColumns("id", "status", "credits", "owner", "created");
            foreach (var job in page.Data)
            {
                table.AddRow(job.Id.ToString(), Name(job.Status), job.Credits_charged.ToString(), Markup.Escape(job.Owner), job.Created_at.ToString("u"));
            }
            Terminal.Out.Write(table);
        });
        jobs.Subcommands.Add(list);

        var getId = JobId();
        var get = new Command("get", "One job, with its output URLs") { getId };
        get.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var job = await session.Api.GetJobAsync(parse.GetValue(getId), cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(job);
                return;
            }
            var grid = new Grid().AddColumns(2);
            grid.AddRow("id", job.Id.ToString());
            grid.AddRow("status", Name(job.Status));
            grid.AddRow("owner", Markup.Escape(job.Owner));
            grid.AddRow("credits", $"{job.Credits_charged} charged, {job.Credits_refunded} refunded");
            grid.AddRow("created", job.Created_at.ToString("u"));
            if (job.Output is JsonElement { ValueKind: JsonValueKind.Object } output && output.TryGetProperty("video_url", out var video))
            {
                grid.AddRow("video", Markup.Escape(video.GetString() ?? ""));
            }
            if (job.Error is JsonElement { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("message", out var message))
            {
                grid.AddRow("error", Markup.Escape(message.GetString() ?? ""));
            }
            Terminal.Out.Write(grid);
        });
        jobs.Subcommands.Add(get);

        var cancelId = JobId();
        var cancel = new Command("cancel", "Cancel a queued or processing job (the unused credits are refunded)") { cancelId };
        cancel.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var job = await session.Api.CancelJobAsync(parse.GetValue(cancelId), cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(job);
            }
            else
            {
                Terminal.Out.WriteLine($"Job {job.Id} is {Name(job.Status)}; {job.Credits_refunded} credits refunded.");
            }
        });
        jobs.Subcommands.Add(cancel);

        var eventsId = JobId();
        var events = new Command("events", "Follow a job's events until it ends (Ctrl-C stops following, not the job)") { eventsId };
        events.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var json = parse.WantsJson();
            var last = await JobEventView.EachAsync(new JobEventFollower(session.Http, parse.GetValue(eventsId)), e =>
            {
                if (json)
                {
                    Terminal.JsonLine(new { id = e.Id, @event = e.Type, data = e.Data });
                }
                else
                {
                    Terminal.Out.WriteLine($"{e.Id}  {JobEventView.Describe(e)}");
                }
            }, cancellationToken);
            return last?.Type is "failed" or "canceled" ? ExitCodes.JobFailed : ExitCodes.Ok;
        });
        jobs.Subcommands.Add(events);
        return jobs;
    }

    private static Argument<Guid> JobId() => new("job-id") { Description = "The job's id" };

    private static string Name(JobStatus status) => status.ToString().ToLowerInvariant();
}
