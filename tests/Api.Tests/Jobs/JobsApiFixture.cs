using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Jobs;

/// <summary>
/// The API on a real loopback port (so the worker's callbacks and SSE go over real HTTP) and the
/// local worker as its own process, rendering into the tests' S3.
/// </summary>
public sealed class JobsApiFixture : IAsyncLifetime
{
    public JobsApiFixture()
    {
    }

    /// <summary>With settings of a test's own on top (a database server of its own, say).</summary>
    internal JobsApiFixture(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            Api.Settings[key] = value;
        }
    }

    public ApiFactory Api { get; } = new ApiFactory().Relaxed();

    public LocalWorkerProcess Worker { get; private set; } = null!;

    /// <summary>The API's real loopback address.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Worker = await LocalWorkerProcess.StartAsync(S3Server.Options, concurrency: 6);
        var port = LocalProcess.FreePort();
        Api.Settings["RUNPOD_BASE_URL"] = Worker.BaseUrl;
        BaseUrl = $"http://127.0.0.1:{port}";
        Api.Settings["FRAMECAST_PUBLIC_URL"] = BaseUrl;
        Api.Settings["JOB_POLL_INTERVAL_MS"] = "150";
        Api.Settings["JOB_REMINDER_MS"] = "1000";
        Api.Settings["SSE_KEEPALIVE_MS"] = "300";
        await Api.InitializeAsync();
        Api.UseKestrel(port);
        Api.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Worker.DisposeAsync();
    }

    /// <summary>A creator with credits granted through the operators' endpoint.</summary>
    public async Task<TestUser> CreatorWithCreditsAsync(int credits)
    {
        var user = await Api.CreatorAsync();
        await GrantAsync(user.Urn, credits);
        return user;
    }

    public async Task GrantAsync(string ownerUrn, int amount)
    {
        using var admin = Api.ClientWith(AuthOptions.LocalAdminToken);
        var granted = await admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = ownerUrn, amount, reason = "tests" });
        Assert.True(granted.Status == HttpStatusCode.OK, $"granting credits failed: {(int)granted.Status} {granted.Body}");
    }

    public Task<int> CreditsAsync(Guid userId) => Api.SqlAsync<int>("SELECT credits FROM users WHERE id = @userId", new { userId });

    public static object Storyboard(params double[] seconds) => new
    {
        title = "Harbor",
        scenes = seconds.Select((s, i) => new { id = $"s{i + 1}", prompt = $"The harbor, shot {i + 1}", duration = s }).ToArray(),
        transitions = new Dictionary<string, string> { ["default"] = "fade" },
    };

    public static object Fast(object? steering = null) => new { local_worker = steering ?? new { skip_render = true } };

    public async Task<JsonElement> WaitForJobAsync(TestUser user, Guid jobId, Func<JsonElement, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await user.Client.Call(HttpMethod.Get, $"/v1/jobs/{jobId}");
            Assert.Equal(HttpStatusCode.OK, job.Status);
            if (done(job.Body))
            {
                return job.Body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} did not get there: {job.Body}");
            await Task.Delay(100);
        }
    }

    public static bool IsTerminal(JsonElement job) => job.GetProperty("status").GetString() is "completed" or "failed" or "canceled";

    /// <summary>Reads SSE frames until <paramref name="stopAfter"/> frames or the server closes the stream.</summary>
    public static async Task<List<SseFrame>> ReadEventsAsync(HttpClient client, Guid jobId, string? lastEventId = null, int stopAfter = int.MaxValue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var frames = new List<SseFrame>();
        var fields = new Dictionary<string, string>();
        while (frames.Count < stopAfter && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (fields.TryGetValue("id", out var id))
                {
                    frames.Add(new SseFrame(id, fields["event"], JsonDocument.Parse(fields["data"]).RootElement.Clone()));
                }
                fields.Clear();
            }
            else if (!line.StartsWith(':'))
            {
                var colon = line.IndexOf(':');
                fields[line[..colon]] = line[(colon + 1)..].TrimStart();
            }
        }
        return frames;
    }
}

public sealed record SseFrame(string Id, string Event, JsonElement Data)
{
    public long Sequence => long.Parse(Id[(Id.LastIndexOf(':') + 1)..]);
}
