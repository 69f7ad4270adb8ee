using Framecast.TestingHost;

namespace Framecast.Api.Tests.Infrastructure;

/// <summary>
/// The API (with its silo) and the local worker as processes of their own, talking real HTTP, with an operator token
/// for granting credits: for tests of what runs outside the test host (a CLI, a browser, exporters).
/// </summary>
public class ProcessStack : IAsyncLifetime
{
    public const string AdminToken = "process-stack-admin-token";

    private LocalWorkerProcess _worker = null!;

    /// <summary>The API's settings on top of the stack's own, for a derived stack to fill before it starts.</summary>
    protected Dictionary<string, string> Settings { get; } = [];

    public ApiProcess Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string ApiUrl => Api.BaseUrl;

    public virtual async Task InitializeAsync()
    {
        _worker = await LocalWorkerProcess.StartAsync(S3Server.Options);
        var settings = new Dictionary<string, string>
        {
            ["FRAMECAST_ADMIN_TOKEN"] = AdminToken,
            ["RUNPOD_BASE_URL"] = _worker.BaseUrl,
            ["JOB_POLL_INTERVAL_MS"] = "150",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        Api = await ApiProcess.StartAsync(settings);
        Http = new HttpClient { BaseAddress = new Uri(Api.BaseUrl) };
    }

    /// <summary>A new starter, signed up and signed in, with <paramref name="credits"/> granted (none when 0).</summary>
    public Task<ProcessAccount> AccountAsync(int credits = 100) => ProcessAccount.CreateAsync(Http, AdminToken, credits);

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        await _worker.DisposeAsync();
    }
}
