using System.Diagnostics;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Framecast.TestingHost;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>Jobs from admission to settlement on the real worker, S3 and PostgreSQL.</summary>
public sealed class JobExecutionTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task A_three_scene_storyboard_becomes_a_seven_second_h264_mp4_with_gap_free_events()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 100);
        var spec = Storyboard(2, 3, 2);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, spec, Steering(new { }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id, TimeSpan.FromSeconds(90));

        Assert.Equal(JobStatus.Completed, job.Status);
        var output = job.Output!.Value;
        var key = output.GetProperty("video_key").GetString()!;
        Assert.Equal($"user/{user}/jobs/{job.Id}/final.mp4", key);
        var store = harness.Cluster.ServicesOf(harness.Cluster.Silos[0]).GetRequiredService<ObjectStore>();
        var file = Path.GetTempFileName();
        await using (var download = await store.OpenReadAsync(output.GetProperty("bucket").GetString()!, key))
        await using (var target = File.Create(file))
        {
            await download.CopyToAsync(target);
        }
        var probe = await Ffprobe.ReadAsync(file);
        var (codec, duration) = (probe.Codec, probe.DurationSeconds);
        Assert.Equal("h264", codec);
        Assert.True(duration is >= 6.5 and <= 7.5, $"The video is {duration} s long; the job says {output}.");
        Assert.Equal(new FileInfo(file).Length, job.OutputSizeBytes);

        var events = await harness.EventsAsync(job.Id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("queued", events[0].Type);
        Assert.Equal("started", events[1].Type);
        Assert.Equal("completed", events[^1].Type);
        Assert.Equal(3, events.Count(e => e.Type == "scene_complete"));
        Assert.Equal(100 - Price(spec), await harness.BalanceAsync("users", user));
    }

    [Fact]
    public async Task A_worker_failure_of_type_system_ends_failed_with_a_full_refund()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 50);
        var spec = Storyboard(1, 1);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, spec, Steering(new { outcome = "fail", failure_type = "system", skip_render = true }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(FailureType.System, job.FailureType);
        Assert.Equal(job.CreditsCharged, job.CreditsRefunded);
        Assert.Equal(50, await harness.BalanceAsync("users", user));
        Assert.Equal("failed", (await harness.EventsAsync(job.Id))[^1].Type);
        Assert.NotNull(job.Error);
    }

    [Fact]
    public async Task A_validation_failure_refunds_the_part_not_yet_generated()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 50);
        var spec = Storyboard(2, 2, 2, 2);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, spec,
            Steering(new { outcome = "fail", failure_type = "validation", fail_at_scene = 2, delay_ms = 1000, skip_render = true }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id);

        Assert.Equal(FailureType.Validation, job.FailureType);
        var percent = job.Progress.TryGetProperty("percent", out var p) ? p.GetDecimal() : 0m;
        Assert.Equal(RefundPolicy.Refund(job.CreditsCharged, JobStatus.Failed, FailureType.Validation, percent), job.CreditsRefunded);
        Assert.True(job.CreditsRefunded < job.CreditsCharged);
        Assert.Equal(50 - job.CreditsCharged + job.CreditsRefunded, await harness.BalanceAsync("users", user));
    }

    [Fact]
    public async Task Canceling_a_running_job_refunds_per_policy_and_stops_the_worker()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 50);
        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(3, 3), Steering(new { outcome = "hang", skip_render = true }));
        await harness.WaitForAsync(admitted.Job.Id, j => j.Status == JobStatus.Processing);
        var requestId = await WorkerRequestIdAsync(harness);

        var canceled = await harness.CancelAsync(admitted.Job, user);

        Assert.Equal(JobStatus.Canceled, canceled.Status);
        Assert.Equal(FailureType.Canceled, canceled.FailureType);
        Assert.Equal(user, canceled.CanceledBy);
        var percent = canceled.Progress.TryGetProperty("percent", out var p) ? p.GetDecimal() : 0m;
        Assert.Equal(RefundPolicy.Refund(canceled.CreditsCharged, JobStatus.Canceled, FailureType.Canceled, percent), canceled.CreditsRefunded);
        Assert.Equal(50 - canceled.CreditsCharged + canceled.CreditsRefunded, await harness.BalanceAsync("users", user));
        // The job grain cancels the worker's request as part of the cancel.
        await WaitForWorkerAsync(harness, requestId, "CANCELLED");
        // A second cancel is refused and changes nothing.
        var again = await Assert.ThrowsAsync<DomainException>(() => harness.CancelAsync(admitted.Job, user));
        Assert.Equal(ErrorCodes.JobNotCancelable, again.Error);
        Assert.Equal(50 - canceled.CreditsCharged + canceled.CreditsRefunded, await harness.BalanceAsync("users", user));
        Assert.Single(await harness.EventsAsync(admitted.Job.Id), e => e.Type == "canceled");
    }

    [Fact]
    public async Task A_job_past_the_processing_limit_fails_as_timeout_with_a_full_refund()
    {
        await using var harness = await StartAsync(fixture.Worker, maxProcessingTime: TimeSpan.FromSeconds(2));
        var user = await harness.CreateUserAsync("creator", 20);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1), Steering(new { outcome = "hang", skip_render = true }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(FailureType.Timeout, job.FailureType);
        Assert.Equal(job.CreditsCharged, job.CreditsRefunded);
        Assert.Equal(20, await harness.BalanceAsync("users", user));
    }

    [Fact]
    public async Task A_worker_that_reports_success_twice_is_settled_once()
    {
        await using var harness = await StartAsync(fixture.Worker);
        var user = await harness.CreateUserAsync("creator", 20);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1, 1), Steering(new { report_success_twice = true, skip_render = true }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id);
        // Let the second report arrive and be polled again.
        await Task.Delay(1500);
        await harness.Cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).PokeAsync();

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Single(await harness.EventsAsync(job.Id), e => e.Type == "completed");
        Assert.Equal(-job.CreditsCharged, await harness.LedgerSumAsync($"framecast:user:{user}"));
        Assert.Equal(20 - job.CreditsCharged, await harness.BalanceAsync("users", user));
    }

    /// <summary>The RunPod request id from the job grain's checkpoint in Orleans grain storage (one job in this database).</summary>
    private static async Task<string> WorkerRequestIdAsync(PipelineHarness harness)
    {
        await using var connection = harness.Open();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var requestId = await Dapper.SqlMapper.ExecuteScalarAsync<string?>(connection,
                "SELECT convert_from(payload_binary, 'UTF8')::jsonb->>'WorkerRequestId' FROM orleans_grain_state WHERE grain_type_string = 'jobDrive'");
            if (requestId is not null)
            {
                return requestId;
            }
            Assert.True(DateTime.UtcNow < deadline, "The job grain never stored its worker request id.");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForWorkerAsync(PipelineHarness harness, string requestId, string status)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var body = await http.GetStringAsync($"{harness.Worker.BaseUrl}/local/status/{requestId}");
            if (body.Contains($"\"{status}\""))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The worker never reached {status}: {body}");
            await Task.Delay(100);
        }
    }
}
