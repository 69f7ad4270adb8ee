using System.Diagnostics;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// SSE fan-out: many subscribers follow one job's <c>GET /v1/jobs/:id/events</c>; once every one has read the
/// <c>queued</c> event the job is canceled, and each subscriber's delay from sending the cancel to reading
/// <c>canceled</c> is recorded. Stream opening is throttled so the measured event is not mixed with a connect storm.
/// </summary>
public sealed class SseFanoutScenario(ApiClient api, BenchOwner owner, BenchSettings settings)
{
    private const int OpeningAtOnce = 64;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var jobId = JobRequests.CreatedJobId(await JobRequests.GenerateAsync(api, owner.Token, cancellationToken));
        var subscribers = settings.SseSubscribers;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new FanoutRun(subscribers, OpeningAtOnce, stop.Token);

        var opening = Stopwatch.StartNew();
        var streams = Enumerable.Range(0, subscribers).Select(_ => Task.Run(() => FollowAsync(jobId, run), CancellationToken.None)).ToArray();
        await Task.WhenAny(run.AllReady.Task, Task.Delay(ReadyTimeout, cancellationToken));
        var openSeconds = opening.Elapsed.TotalSeconds;
        var ready = run.Ready;

        var cancelStarted = Stopwatch.GetTimestamp();
        run.CancelSentAt.SetResult(cancelStarted);
        var cancel = await JobRequests.CancelAsync(api, owner.Token, jobId, cancellationToken);
        var cancelMs = Stopwatch.GetElapsedTime(cancelStarted).TotalMilliseconds;
        if (cancel.Status != 200)
        {
            await stop.CancelAsync();
            await Task.WhenAll(streams);
            throw new BenchFailure($"POST /v1/jobs/{jobId}/cancel answered {cancel.Status}, expected 200:\n{cancel.Body}");
        }

        await Task.WhenAny(Task.WhenAll(streams), Task.Delay(DeliveryTimeout, cancellationToken));
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        var delivery = run.Delivery.Summarize();
        return new ScenarioResult($"SSE fan-out of one event to {subscribers} subscribers", null, "", delivery, run.Outcomes.Snapshot(),
            new Dictionary<string, double>
            {
                ["subscribers_requested"] = subscribers,
                ["subscribers_ready"] = ready,
                ["subscribers_reached"] = delivery.Count,
                ["seconds_to_open_all"] = openSeconds,
                ["cancel_request_ms"] = cancelMs,
            });
    }

    private async Task FollowAsync(Guid jobId, FanoutRun run)
    {
        try
        {
            await run.Opening.WaitAsync(run.Stop);
        }
        catch (OperationCanceledException)
        {
            run.Outcomes.Add("timed out opening");
            return;
        }
        var isReady = false;
        try
        {
            using var response = await api.OpenStreamAsync($"/v1/jobs/{jobId:D}/events", owner.Token, run.Stop);
            if ((int)response.StatusCode != 200)
            {
                run.Outcomes.Add($"open {(int)response.StatusCode}");
                return;
            }
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(run.Stop));
            while (await reader.NextAsync(run.Stop) is { } frame)
            {
                if (frame.Event == "queued" && !isReady)
                {
                    isReady = true;
                    run.Opening.Release();
                    run.MarkReady();
                }
                else if (frame.Event == "canceled")
                {
                    var receivedAt = Stopwatch.GetTimestamp();
                    run.Delivery.Record(receivedAt - await run.CancelSentAt.Task.WaitAsync(run.Stop));
                    run.Outcomes.Add("received canceled");
                    return;
                }
                else if (frame.Event is "completed" or "failed")
                {
                    run.Outcomes.Add($"ended with {frame.Event}");
                    return;
                }
            }
            run.Outcomes.Add("closed before canceled");
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            run.Outcomes.Add(isReady ? "timed out waiting for canceled" : "timed out opening");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            run.Outcomes.AddException(e);
        }
        finally
        {
            if (!isReady)
            {
                run.Opening.Release();
            }
        }
    }
}
