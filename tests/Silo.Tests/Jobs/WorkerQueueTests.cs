using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Tests.Infrastructure;
using static Framecast.Silo.Tests.Jobs.PipelineHarness;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>The cluster's worker queue on real silos and the local worker: capacity, priority order, ageing, places.</summary>
public sealed class WorkerQueueTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    /// <summary>A job's passage through the queue; the times are null while it still waits or runs.</summary>
    private sealed record Dispatch(Guid Id, JobPriority Priority, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? CompletedAt);

    private static Dictionary<string, string> Queue(int capacity, int ageingMs = 60_000) => new()
    {
        ["WORKER_CAPACITY"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WORKER_QUEUE_AGEING_MS"] = ageingMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WORKER_QUEUE_RECONCILE_MS"] = "1000",
    };

    [Fact]
    public async Task With_a_capacity_of_two_ten_mixed_jobs_start_by_priority_then_by_age_and_never_more_than_two_run()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2, settings: Queue(capacity: 2));
        var blockers = await AdmitManyAsync(harness, [JobPriority.Normal, JobPriority.Normal], delayMs: 1500);
        await WaitDispatchedAsync(harness, blockers);
        JobPriority[] mixed =
        [
            JobPriority.Low, JobPriority.Normal, JobPriority.Urgent, JobPriority.High, JobPriority.Normal,
            JobPriority.Low, JobPriority.Urgent, JobPriority.High, JobPriority.Normal, JobPriority.High,
        ];

        var jobs = await AdmitManyAsync(harness, mixed, delayMs: 100);
        foreach (var id in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(id, TimeSpan.FromSeconds(90))).Status);
        }

        var dispatches = await DispatchesAsync(harness, jobs);
        var expected = dispatches.OrderBy(d => d.Priority).ThenBy(d => d.CreatedAt).Select(d => d.Id).ToList();
        // Two slots freed together go out in one statement with one timestamp: within a tie, the queue's own order.
        var actual = dispatches.OrderBy(d => d.DispatchedAt).ThenBy(d => expected.IndexOf(d.Id)).Select(d => d.Id).ToList();
        Assert.Equal(expected, actual);
        var all = await DispatchesAsync(harness, [.. blockers, .. jobs]);
        foreach (var dispatch in all)
        {
            var running = all.Count(d => d.DispatchedAt <= dispatch.DispatchedAt && d.CompletedAt > dispatch.DispatchedAt);
            Assert.True(running <= 2, $"{running} jobs held a worker slot when {dispatch.Id} got one.");
        }
    }

    [Fact]
    public async Task A_low_job_still_starts_under_a_steady_stream_of_normal_ones()
    {
        const int ageingMs = 1_000;
        await using var harness = await StartAsync(fixture.Worker, settings: Queue(capacity: 1, ageingMs));
        var first = await AdmitManyAsync(harness, [JobPriority.Normal], delayMs: 400);
        await WaitDispatchedAsync(harness, first);
        var low = (await AdmitManyAsync(harness, [JobPriority.Low], delayMs: 100)).Single();
        var stream = new List<Guid>();
        // Normal jobs arrive faster than one slot serves them, for several ageing periods.
        for (var i = 0; i < 16; i++)
        {
            stream.AddRange(await AdmitManyAsync(harness, [JobPriority.Normal], delayMs: 250));
            await Task.Delay(200);
        }

        await harness.WaitForEndAsync(low, TimeSpan.FromSeconds(90));
        var lowDispatch = (await DispatchesAsync(harness, [low])).Single();
        var normals = await DispatchesAsync(harness, stream);
        var overtook = normals.Where(n => n.DispatchedAt is null || n.DispatchedAt > lowDispatch.DispatchedAt).ToList();
        Assert.True(overtook.Count > 0, "The stream was not steady: every normal job had started before the low one.");
        // It goes before every normal job admitted more than one ageing period after it (plus the clock's slack).
        Assert.All(normals.Where(n => n.CreatedAt > lowDispatch.CreatedAt.AddMilliseconds(ageingMs + 300)),
            n => Assert.True(n.DispatchedAt is null || n.DispatchedAt >= lowDispatch.DispatchedAt, $"A normal job admitted at {n.CreatedAt:O} started before the low one of {lowDispatch.CreatedAt:O}."));
        foreach (var id in stream)
        {
            await harness.WaitForEndAsync(id, TimeSpan.FromSeconds(90));
        }
    }

    [Fact]
    public async Task A_waiting_job_knows_its_place_and_its_events_show_it()
    {
        await using var harness = await StartAsync(fixture.Worker, settings: Queue(capacity: 1));
        var blocker = await AdmitManyAsync(harness, [JobPriority.Normal], delayMs: 3000);
        await WaitDispatchedAsync(harness, blocker);
        var waiting = await AdmitManyAsync(harness, [JobPriority.Low, JobPriority.Normal, JobPriority.Urgent], delayMs: 50);
        var queue = harness.Cluster.GrainFactory.GetGrain<IWorkerQueueGrain>(IWorkerQueueGrain.Key);

        // Once all three have entered (their grains enter on their own first tick).
        var places = await Eventually.ValueAsync(async () => await Task.WhenAll(waiting.Select(id => queue.GetPlaceAsync(id))),
            all => all.All(p => p is { Dispatched: false }), TimeSpan.FromSeconds(10));

        // Urgent first, then normal, then low, whatever the order they came in.
        Assert.Equal([3, 2, 1], places.Select(p => p!.Position));
        Assert.True(places[0]!.EstimatedStartAt > places[2]!.EstimatedStartAt,
            $"The last in line is expected at {places[0]!.EstimatedStartAt:O}, the first at {places[2]!.EstimatedStartAt:O}.");
        await using var connection = harness.Open();
        var shown = await Eventually.ValueAsync(() => connection.QuerySingleOrDefaultAsync<int?>("""
            SELECT (payload->'queue'->>'position')::int FROM job_events
            WHERE job_id = @id AND event_type = 'queue_position' ORDER BY sequence DESC LIMIT 1
            """, new { id = waiting[0] }), p => p == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(3, shown);
        foreach (var id in waiting)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(id, TimeSpan.FromSeconds(60))).Status);
        }
        Assert.Null(await queue.GetPlaceAsync(waiting[0]));
    }

    [Fact]
    public async Task The_queue_survives_the_death_of_its_silo_without_losing_a_job_or_exceeding_its_capacity()
    {
        await using var harness = await StartAsync(fixture.Worker, silos: 2, settings: Queue(capacity: 1));
        var blocker = await AdmitManyAsync(harness, [JobPriority.Normal], delayMs: 1500);
        await WaitDispatchedAsync(harness, blocker);
        var waiting = await AdmitManyAsync(harness, [JobPriority.Low, JobPriority.High, JobPriority.Normal, JobPriority.Urgent], delayMs: 100);
        var queue = harness.Cluster.GrainFactory.GetGrain<IWorkerQueueGrain>(IWorkerQueueGrain.Key);
        await Eventually.ValueAsync(async () => await Task.WhenAll(waiting.Select(id => queue.GetPlaceAsync(id))),
            all => all.All(p => p is { Dispatched: false }), TimeSpan.FromSeconds(10));

        var host = await harness.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(queue);
        await harness.Cluster.KillSiloAsync(harness.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await harness.Cluster.StartSiloAsync();

        foreach (var id in waiting)
        {
            Assert.Equal(JobStatus.Completed, (await harness.WaitForEndAsync(id, TimeSpan.FromSeconds(90))).Status);
            Assert.Single(await harness.EventsAsync(id), e => e.Type == "started");
        }
        var all = await DispatchesAsync(harness, [.. blocker, .. waiting]);
        foreach (var dispatch in all)
        {
            var running = all.Count(d => d.DispatchedAt <= dispatch.DispatchedAt && d.CompletedAt > dispatch.DispatchedAt);
            Assert.True(running <= 1, $"{running} jobs held the one worker slot when {dispatch.Id} got it.");
        }
        // The rebuilt queue kept the order: urgent, high, normal, low.
        var order = all.Where(d => waiting.Contains(d.Id)).OrderBy(d => d.DispatchedAt).Select(d => d.Priority).ToList();
        Assert.Equal([JobPriority.Urgent, JobPriority.High, JobPriority.Normal, JobPriority.Low], order);
    }

    /// <summary>One job per priority given, each of a user of its own (so no owner limit gets in the way), admitted together.</summary>
    private static async Task<List<Guid>> AdmitManyAsync(PipelineHarness harness, IReadOnlyList<JobPriority> priorities, int delayMs)
    {
        var users = new List<Guid>();
        foreach (var _ in priorities)
        {
            users.Add(await harness.CreateUserAsync("creator", 100));
        }
        var admitted = await Task.WhenAll(priorities.Select((priority, i) => harness.AdmitAsync($"framecast:user:{users[i]}", users[i],
            Storyboard(1), Steering(new { skip_render = true, delay_ms = delayMs }), priority: priority)));
        return [.. admitted.Select(a => a.Job.Id)];
    }

    private static async Task WaitDispatchedAsync(PipelineHarness harness, IReadOnlyList<Guid> jobs)
    {
        await using var connection = harness.Open();
        await Eventually.ValueAsync(() => connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM jobs WHERE id = ANY(@jobs) AND dispatched_at IS NOT NULL", new { jobs = jobs.ToArray() }),
            n => n == jobs.Count, TimeSpan.FromSeconds(10));
    }

    private static async Task<List<Dispatch>> DispatchesAsync(PipelineHarness harness, IReadOnlyList<Guid> jobs)
    {
        await using var connection = harness.Open();
        var rows = await connection.QueryAsync<(Guid Id, string Priority, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? CompletedAt)>(
            "SELECT id, priority, created_at, dispatched_at, completed_at FROM jobs WHERE id = ANY(@jobs)", new { jobs = jobs.ToArray() });
        return [.. rows.Select(r => new Dispatch(r.Id, JobPriorities.Parse(r.Priority), r.CreatedAt, r.DispatchedAt, r.CompletedAt))];
    }
}
