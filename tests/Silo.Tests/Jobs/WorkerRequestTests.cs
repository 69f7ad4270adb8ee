using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Tests.Infrastructure;
using Framecast.TestingHost;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>No worker request is left running that no job grain follows.</summary>
public sealed class WorkerRequestTests
{
    [Fact]
    public async Task A_request_whose_id_cannot_be_recorded_is_canceled_and_the_job_runs_once_the_database_is_back()
    {
        // The database really goes: the relay stops this test's own PostgreSQL the moment the worker has answered the
        // first /run, so the job grain cannot record the request id it was just given.
        await using var postgres = PostgresInstance.Start();
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 2);
        var first = 1;
        await using var relay = new WorkerRelay(worker, _ =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                postgres.StopServer();
            }
            return Task.CompletedTask;
        });
        await using var harness = await StartAsync(worker, relay.BaseUrl, databaseUrl: await postgres.CreateDatabaseAsync());
        var user = await harness.CreateUserAsync("creator", 50);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1), Steering(new { outcome = "hang", skip_render = true }));
        await Eventually.TrueAsync(() => relay.Submitted.Count > 0, TimeSpan.FromSeconds(30), "the grain submitted the job");
        var orphan = relay.Submitted[0];

        Assert.Equal("CANCELLED", await WorkerStatusAsync(worker, orphan, TimeSpan.FromSeconds(15)));
        postgres.StartServer();
        var running = await harness.WaitForAsync(admitted.Job.Id, j => j.Status == JobStatus.Processing, TimeSpan.FromSeconds(60));
        // No request was sent while the checkpoint could not be written: just the orphan and the one that is followed.
        Assert.Equal(2, relay.Submitted.Count);
        var canceled = await harness.CancelAsync(running, user);

        Assert.Equal(JobStatus.Canceled, canceled.Status);
        Assert.Equal("CANCELLED", await WorkerStatusAsync(worker, relay.Submitted[1], TimeSpan.FromSeconds(15)));
        await AssertNothingRunsAsync(worker);
    }

    [Fact]
    public async Task A_cancel_that_arrives_while_the_submission_is_in_flight_cancels_the_worker_request()
    {
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 2);
        var submitted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var relay = new WorkerRelay(worker, id =>
        {
            submitted.TrySetResult(id);
            return release.Task;
        });
        await using var harness = await StartAsync(worker, relay.BaseUrl);
        var user = await harness.CreateUserAsync("creator", 50);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1), Steering(new { outcome = "hang", skip_render = true }));
        var requestId = await submitted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The worker has the request, the grain does not know its id yet, and the cancel comes.
        var cancel = harness.CancelAsync(admitted.Job, user);
        await Task.Delay(200);
        release.SetResult();

        Assert.Equal(JobStatus.Canceled, (await cancel).Status);
        Assert.Equal("CANCELLED", await WorkerStatusAsync(worker, requestId, TimeSpan.FromSeconds(15)));
        await AssertNothingRunsAsync(worker);
    }

    [Fact]
    public async Task A_followed_request_the_worker_cancels_for_a_job_nobody_canceled_is_submitted_again_not_settled_as_canceled()
    {
        // What a recording that seemed to fail but had landed leaves behind, once the driver canceled the request for it
        // and its silo died: the checkpoint names a request the worker canceled. The job must still run.
        await using var worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 2);
        await using var relay = new WorkerRelay(worker, _ => Task.CompletedTask);
        await using var harness = await StartAsync(worker, relay.BaseUrl);
        var user = await harness.CreateUserAsync("creator", 50);
        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1), Steering(new { outcome = "hang", skip_render = true }));
        await harness.WaitForAsync(admitted.Job.Id, j => j.Status == JobStatus.Processing, TimeSpan.FromSeconds(30));
        var first = relay.Submitted[0];

        using (var http = new HttpClient())
        {
            (await http.PostAsync($"{worker.BaseUrl}/local/cancel/{first}", null)).EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => relay.Submitted.Count == 2, TimeSpan.FromSeconds(30), "the job was submitted again");
        var job = await harness.WaitForAsync(admitted.Job.Id, j => j.Status == JobStatus.Processing, TimeSpan.FromSeconds(10));
        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.Equal(0, job.CreditsRefunded);
        Assert.Equal("IN_PROGRESS", await WorkerStatusAsync(worker, relay.Submitted[1], TimeSpan.FromSeconds(2)));

        Assert.Equal(JobStatus.Canceled, (await harness.CancelAsync(job, user)).Status);
        Assert.Equal("CANCELLED", await WorkerStatusAsync(worker, relay.Submitted[1], TimeSpan.FromSeconds(15)));
        await AssertNothingRunsAsync(worker);
    }

    /// <summary>The request's status once it has ended, or whatever it still is when the time is up.</summary>
    private static async Task<string> WorkerStatusAsync(LocalWorkerProcess worker, string requestId, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync($"{worker.BaseUrl}/local/status/{requestId}")).RootElement.GetProperty("status").GetString()!;
            if (status is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT" || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(100);
        }
    }

    private static async Task AssertNothingRunsAsync(LocalWorkerProcess worker)
    {
        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync($"{worker.BaseUrl}/local/health")).RootElement;
        Assert.Equal(0, health.GetProperty("jobs").GetProperty("inProgress").GetInt32());
        Assert.Equal(0, health.GetProperty("jobs").GetProperty("inQueue").GetInt32());
        Assert.Equal(0, health.GetProperty("workers").GetProperty("running").GetInt32());
    }
}
