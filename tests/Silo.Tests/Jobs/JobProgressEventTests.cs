using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>Progress comes from what the worker streamed, not from what a poll happened to see.</summary>
public sealed class JobProgressEventTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Every_scene_completion_is_an_event_in_scene_order_even_when_the_job_ends_between_two_polls()
    {
        // The first poll submits; the next one comes when the 1 + 1 + 1 s job has long completed.
        await using var harness = await StartAsync(fixture.Worker, pollInterval: TimeSpan.FromSeconds(8));
        var user = await harness.CreateUserAsync("creator", 50);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1, 1, 1), Steering(new { skip_render = true, delay_ms = 1000 }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Completed, job.Status);
        await using var connection = harness.Open();
        var events = (await connection.QueryAsync<(string Type, string? SceneId, decimal? Percent)>("""
            SELECT event_type::text, payload->>'scene_id', (payload->'progress'->>'percent')::numeric
            FROM job_events WHERE job_id = @id ORDER BY sequence
            """, new { id = job.Id })).ToList();
        var types = events.Select(e => e.Type).ToList();
        Assert.Equal(["queued", "started"], types.Take(2));
        Assert.Equal("completed", types[^1]);
        Assert.All(types.Skip(2).SkipLast(1), t => Assert.Contains(t, new[] { "progress", "scene_complete" }));
        Assert.Contains("progress", types);
        Assert.Equal(["s1", "s2", "s3"], events.Where(e => e.Type == "scene_complete").Select(e => e.SceneId));
        var percents = events.Where(e => e.Percent is not null).Select(e => e.Percent!.Value).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(3, job.Progress.GetProperty("scenes_completed").GetInt32());
    }

    [Fact]
    public async Task A_job_that_fails_between_two_polls_still_records_the_scenes_it_finished_and_is_refunded_by_that_progress()
    {
        await using var harness = await StartAsync(fixture.Worker, pollInterval: TimeSpan.FromSeconds(8));
        var user = await harness.CreateUserAsync("creator", 50);

        var admitted = await harness.AdmitAsync($"framecast:user:{user}", user, Storyboard(1, 1, 1),
            Steering(new { skip_render = true, delay_ms = 1000, outcome = "fail", failure_type = "validation", fail_at_scene = 1 }));
        var job = await harness.WaitForEndAsync(admitted.Job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Failed, job.Status);
        await using var connection = harness.Open();
        var finished = (await connection.QueryAsync<string>(
            "SELECT payload->>'scene_id' FROM job_events WHERE job_id = @id AND event_type = 'scene_complete' ORDER BY sequence", new { id = job.Id })).ToList();
        Assert.Equal(["s1"], finished);
        Assert.True(job.StartedAt is not null, "a job that ran a scene has started");
        // A validation failure refunds by the progress reached: with a scene done, not all of it.
        Assert.InRange(job.CreditsRefunded, 0, job.CreditsCharged - 1);
    }
}
