using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.Storage.Jobs;
using Framecast.TestingHost;
using Npgsql;

namespace Framecast.Silo.Tests.Jobs;

/// <summary>
/// An Orleans test cluster running the real job pipeline against the local worker process and the
/// tests' S3, with owners seeded straight into the accounts tables.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private static readonly StoryboardEstimator Estimator = new();

    private PipelineHarness(FramecastCluster cluster, LocalWorkerProcess worker)
    {
        Cluster = cluster;
        Worker = worker;
    }

    public FramecastCluster Cluster { get; }

    public LocalWorkerProcess Worker { get; }

    public static Task<PipelineHarness> StartAsync(LocalWorkerProcess worker, int silos = 1, TimeSpan? maxProcessingTime = null,
        TimeSpan? sweepInterval = null, TimeSpan? pollInterval = null) =>
        StartAsync(worker, worker.BaseUrl, silos, maxProcessingTime, sweepInterval, pollInterval);

    /// <summary>A cluster whose silos reach the worker at <paramref name="workerBaseUrl"/> (a relay in front of it, say),
    /// on a database of <paramref name="databaseUrl"/> when given.</summary>
    public static async Task<PipelineHarness> StartAsync(LocalWorkerProcess worker, string workerBaseUrl, int silos = 1, TimeSpan? maxProcessingTime = null,
        TimeSpan? sweepInterval = null, TimeSpan? pollInterval = null, string? databaseUrl = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["RUNPOD_BASE_URL"] = workerBaseUrl,
            ["FRAMECAST_PUBLIC_URL"] = "http://127.0.0.1:1",
            ["JOB_POLL_INTERVAL_MS"] = ((int)(pollInterval ?? TimeSpan.FromMilliseconds(150)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["JOB_REMINDER_MS"] = "1000",
            ["JOB_MAX_PROCESSING_MS"] = ((int)(maxProcessingTime ?? TimeSpan.FromMinutes(2)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["JOB_SWEEP_INTERVAL_MS"] = ((int)(sweepInterval ?? TimeSpan.FromMinutes(1)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var cluster = await FramecastCluster.StartAsync(silos, all, databaseUrl);
        return new PipelineHarness(cluster, worker);
    }

    public NpgsqlConnection Open() => new(Cluster.DatabaseUrl);

    public async Task<Guid> CreateUserAsync(string tier, int credits)
    {
        var id = Guid.NewGuid();
        await using var connection = Open();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, tier, credits, upgraded_at) VALUES (@id, @email, @tier::user_tier, @credits, CASE WHEN @tier = 'creator' THEN now() END)",
            new { id, email = $"u{id:N}@example.com", tier, credits });
        return id;
    }

    public async Task<Guid> CreateTeamAsync(int credits)
    {
        var id = Guid.NewGuid();
        await using var connection = Open();
        await connection.ExecuteAsync("INSERT INTO teams (id, name, slug, credits) VALUES (@id, 'Team', @slug, @credits)",
            new { id, slug = $"t-{id:N}", credits });
        return id;
    }

    public async Task<Guid> CreateProjectAsync(Guid teamId, Guid createdBy)
    {
        var id = Guid.NewGuid();
        await using var connection = Open();
        await connection.ExecuteAsync("INSERT INTO projects (id, team_id, created_by, name) VALUES (@id, @teamId, @createdBy, 'P')",
            new { id, teamId, createdBy });
        return id;
    }

    public static JsonElement Storyboard(params double[] sceneSeconds) => JsonSerializer.SerializeToElement(new
    {
        title = "Test",
        scenes = sceneSeconds.Select((seconds, i) => new { id = $"s{i + 1}", prompt = $"Scene number {i + 1}", duration = seconds }).ToArray(),
        transitions = new Dictionary<string, string> { ["default"] = "fade" },
    });

    public static JsonElement Steering(object localWorker) => JsonSerializer.SerializeToElement(new { local_worker = localWorker });

    public static int Price(JsonElement spec) => Estimator.Estimate(StoryboardDocument.FromJson(spec)).EstimatedCredits;

    public Task<AdmissionResult> AdmitAsync(string owner, Guid triggeredBy, JsonElement spec, JsonElement options,
        string? idempotencyKey = null, Guid? projectId = null) =>
        Cluster.GrainFactory.GetGrain<ICreditPoolGrain>(CreditPool.ForOwner(owner).Key).AdmitAsync(
            new AdmitJobCommand(Guid.NewGuid(), owner, triggeredBy, projectId, spec, options, Price(spec), idempotencyKey,
                $"{owner}|{spec.GetRawText()}|{options.GetRawText()}|{projectId}"));

    public Task<JobRecord> CancelAsync(JobRecord job, Guid by) => Cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).CancelAsync(by);

    public async Task<JobRecord> WaitForAsync(Guid jobId, Func<JobRecord, bool> condition, TimeSpan? timeout = null)
    {
        var queries = new JobQueries(NpgsqlDataSource.Create(Cluster.DatabaseUrl));
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await queries.GetAsync(jobId) ?? throw new InvalidOperationException("The job vanished.");
            if (condition(job))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {job.Status} with progress {job.Progress}.");
            }
            await Task.Delay(100);
        }
    }

    public Task<JobRecord> WaitForEndAsync(Guid jobId, TimeSpan? timeout = null) => WaitForAsync(jobId, j => j.Status.IsTerminal(), timeout);

    public async Task<IReadOnlyList<(long Sequence, string Type)>> EventsAsync(Guid jobId)
    {
        await using var connection = Open();
        return (await connection.QueryAsync<(long, string)>(
            "SELECT sequence, event_type::text FROM job_events WHERE job_id = @jobId ORDER BY sequence", new { jobId })).ToList();
    }

    public async Task<int> BalanceAsync(string table, Guid id)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<int>($"SELECT credits FROM {table} WHERE id = @id", new { id });
    }

    public async Task<int> LedgerSumAsync(string ownerUrnLike)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<int>("SELECT coalesce(sum(delta), 0) FROM credit_ledger WHERE owner_urn LIKE @ownerUrnLike", new { ownerUrnLike });
    }

    public static async Task<T> ExpectAsync<T>(Func<Task<T>> call, params ErrorCode[] acceptable)
    {
        try
        {
            return await call();
        }
        catch (DomainException ex) when (acceptable.Contains(ex.Error))
        {
            return default!;
        }
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>One local worker process per test class.</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public LocalWorkerProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync() => Worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 8);

    public async Task DisposeAsync() => await Worker.DisposeAsync();
}
