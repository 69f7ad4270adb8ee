using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Framecast.Cli.Storyboards;
using Framecast.Cli.Streaming;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary>
/// <c>framecast render FILE</c>: validate, estimate, confirm, submit once (an idempotency key makes a retried submit
/// the same job), follow the events with a bar per scene, and download the video and thumbnail.
/// </summary>
public static class RenderCommand
{
    private const int SubmitAttempts = 3;

    public static Command Create()
    {
        var file = new Argument<string>("storyboard") { Description = "The storyboard: .yaml, .yml or .json" };
        var output = new Option<string>("--output", "-o") { Description = "Where the MP4 and thumbnail go", DefaultValueFactory = _ => "." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Submit without asking to confirm the estimate" };
        var owner = new Option<string?>("--owner") { Description = "Who pays: framecast:user:<id> or framecast:team:<id> (default: you, or the API key's owner)" };
        var cancelOnInterrupt = new Option<bool>("--cancel-on-interrupt") { Description = "Ctrl-C also cancels the job (it goes on by default)" };
        var options = new Option<string?>("--options") { Description = "The job's options, a JSON object (e.g. {\"local_worker\": {\"skip_render\": true}})" };
        var priority = new Option<string>("--priority") { Description = "urgent, high, normal or low (urgent costs half as much again)", DefaultValueFactory = _ => "normal" };
        priority.AcceptOnlyFromAmong("urgent", "high", "normal", "low");
        var render = new Command("render", "Render a storyboard into an MP4 and download it") { file, output, yes, owner, cancelOnInterrupt, options, priority };
        render.SetHandler((parse, cancellationToken) => RunAsync(parse, new RenderRequest(parse.GetValue(file)!, parse.GetValue(output)!,
            parse.GetValue(yes), parse.GetValue(owner), parse.GetValue(cancelOnInterrupt), JobOptions(parse.GetValue(options)), parse.GetValue(priority)!),
            cancellationToken));
        return render;
    }

    private sealed record RenderRequest(string File, string OutputDirectory, bool Yes, string? Owner, bool CancelOnInterrupt, JsonObject? Options, string Priority);

    private static JsonObject? JobOptions(string? text)
    {
        try
        {
            return text is null ? null
                : JsonNode.Parse(text) as JsonObject ?? throw new CliException(ExitCodes.InvalidInput, "--options must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--options is not valid JSON: {ex.Message}");
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, RenderRequest request, CancellationToken cancellationToken)
    {
        var json = parse.WantsJson();
        var storyboard = StoryboardFile.Read(request.File);
        using var session = ApiSession.Open(parse.Connection());
        var api = session.Api;

        var validation = await api.ValidateStoryboardAsync(storyboard, cancellationToken);
        if (!validation.Valid)
        {
            ShowIssues(request.File, validation, json);
            return ExitCodes.InvalidInput;
        }
        var estimate = await api.EstimateStoryboardAsync(storyboard, request.Owner, cancellationToken);
        if (!json)
        {
            foreach (var warning in validation.Warnings)
            {
                Terminal.Error.MarkupLineInterpolated($"[yellow]warning[/] {warning.Path}: {warning.Message}");
            }
            Terminal.Error.MarkupLineInterpolated(
                $"{request.File}: {estimate.Estimated_duration_seconds:0.#} s of video, [bold]{estimate.Estimated_credits} credits[/], about {estimate.Estimated_generation_time_seconds} s to render.");
        }
        if (!request.Yes)
        {
            if (!Terminal.IsInteractive)
            {
                throw new CliException(ExitCodes.InvalidInput, "not at a terminal: pass --yes to submit without confirming.");
            }
            if (!Terminal.Error.Confirm($"Render for {estimate.Estimated_credits} credits?"))
            {
                Terminal.Error.WriteLine("Not submitted.");
                return ExitCodes.Failed;
            }
        }

        var job = await SubmitAsync(api, storyboard, request, cancellationToken);
        if (!json)
        {
            Terminal.Error.MarkupLineInterpolated($"Job [bold]{job.Id}[/] is {job.Status.ToString().ToLowerInvariant()}.");
        }

        var final = await FollowUntilEndAsync(session, job.Id, StoryboardFile.SceneIds(storyboard), request.CancelOnInterrupt, json, cancellationToken);
        if (final is null)
        {
            return ExitCodes.Interrupted;
        }
        if (final.Status != JobStatus.Completed)
        {
            var reason = final.Error is JsonElement { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("message", out var m) ? m.GetString() : null;
            throw new CliException(ExitCodes.JobFailed, $"job {final.Id} {final.Status.ToString().ToLowerInvariant()}{(reason is null ? "" : ": " + reason)}.");
        }

        var files = await OutputDownload.SaveAsync(final, request.OutputDirectory, cancellationToken);
        if (json)
        {
            Terminal.Json(new { job_id = final.Id, status = "completed", credits_charged = final.Credits_charged, video = files.Video, thumbnail = files.Thumbnail });
        }
        else
        {
            Terminal.Out.MarkupLineInterpolated($"[green]Done.[/] Video: {files.Video}");
            if (files.Thumbnail is not null)
            {
                Terminal.Out.MarkupLineInterpolated($"Thumbnail: {files.Thumbnail}");
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>A submit whose answer was lost is sent again with the same idempotency key, so it is still one job.</summary>
    private static async Task<JobResponse> SubmitAsync(FramecastApi api, JsonObject storyboard, RenderRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["spec"] = storyboard.DeepClone(), ["idempotency_key"] = $"cli-{Guid.NewGuid():N}", ["priority"] = request.Priority };
        if (request.Owner is not null)
        {
            body["owner"] = request.Owner;
        }
        if (request.Options is not null)
        {
            body["options"] = request.Options.DeepClone();
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await api.CreateJobAsync(body, cancellationToken: cancellationToken);
            }
            catch (HttpRequestException) when (attempt < SubmitAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    /// <summary>The job as it ended, or null when Ctrl-C stopped the following.</summary>
    private static async Task<JobResponse?> FollowUntilEndAsync(
        ApiSession session, Guid jobId, IReadOnlyList<string> sceneIds, bool cancelOnInterrupt, bool json, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            var follower = new JobEventFollower(session.Http, jobId);
            if (!json)
            {
                follower.Reconnecting += ex => Terminal.Error.MarkupLineInterpolated($"[grey]connection dropped ({ex.Message}); resuming…[/]");
            }
            await JobEventView.ShowAsync(follower, new SceneProgress(sceneIds), json, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            if (cancelOnInterrupt)
            {
                var canceled = await session.Api.CancelJobAsync(jobId, CancellationToken.None);
                Terminal.Error.WriteLine($"Interrupted: job {jobId} is {canceled.Status.ToString().ToLowerInvariant()}.");
            }
            else
            {
                Terminal.Error.WriteLine($"Stopped following; job {jobId} goes on. See it with: framecast jobs get {jobId}");
            }
            return null;
        }
        catch (FramecastApiException ex) when (ex.StatusCode == 410)
        {
            // The events are no longer kept (a very old job): the job itself still says how it ended.
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
        return await EndedJobAsync(session.Api, jobId, cancellationToken);
    }

    /// <summary>The job's record, read until it shows the end: it follows the terminal event by a moment.</summary>
    private static async Task<JobResponse> EndedJobAsync(FramecastApi api, Guid jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await api.GetJobAsync(jobId, cancellationToken);
            if (job.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled)
            {
                return job;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static void ShowIssues(string file, ValidationResultResponse validation, bool json)
    {
        if (json)
        {
            Terminal.Json(new { valid = false, errors = validation.Errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message }) });
            return;
        }
        var table = new Table().AddColumns("path", "problem").Title($"{file} is not a valid storyboard");
        foreach (var issue in validation.Errors)
        {
            table.AddRow(Markup.Escape(issue.Path), Markup.Escape($"{issue.Message} ({issue.Code})"));
        }
        Terminal.Error.Write(table);
    }
}
