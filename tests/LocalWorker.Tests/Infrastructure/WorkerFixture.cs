using System.Net.Http.Json;
using Amazon.S3;
using Framecast.LocalWorker.Configuration;
using Framecast.TestingHost;
using Microsoft.AspNetCore.Builder;

namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>The tests' real S3 server plus the worker hosted in-process on a free loopback port.</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string Endpoint = "test-endpoint";
    public const string Bucket = "framecast-outputs";

    private WebApplication _worker = null!;
    private readonly string _downloads = Directory.CreateTempSubdirectory("framecast-download-").FullName;

    public HttpClient Http { get; private set; } = null!;

    public IAmazonS3 S3 { get; private set; } = null!;

    public WorkerSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Settings = new WorkerSettings
        {
            Urls = "http://127.0.0.1:0",
            S3Endpoint = S3Server.Options.Endpoint!,
            WebhookRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        (_worker, Http) = await StartWorkerAsync(Settings);
        S3 = Storage.S3ClientFactory.Create(Settings);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        S3.Dispose();
        await _worker.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    /// <summary>Starts another worker (own settings) against the same S3; the caller disposes it.</summary>
    public static async Task<(WebApplication Worker, HttpClient Http)> StartWorkerAsync(WorkerSettings settings)
    {
        var worker = LocalWorkerHost.Build(settings);
        await worker.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(worker.Urls.First() + $"/v2/{Endpoint}/") };
        return (worker, http);
    }

    public Task<string> RunAsync(JsonObject input, Uri? webhook = null, long? executionTimeoutMs = null) =>
        RunAsync(Http, input, webhook, executionTimeoutMs);

    public static async Task<string> RunAsync(HttpClient http, JsonObject input, Uri? webhook = null, long? executionTimeoutMs = null, long? ttlMs = null)
    {
        var body = new JsonObject { ["input"] = input };
        if (webhook is not null)
        {
            body["webhook"] = webhook.ToString();
        }

        if (executionTimeoutMs is not null || ttlMs is not null)
        {
            var policy = new JsonObject();
            if (executionTimeoutMs is { } timeout)
            {
                policy["executionTimeout"] = timeout;
            }
            if (ttlMs is { } ttl)
            {
                policy["ttl"] = ttl;
            }
            body["policy"] = policy;
        }

        using var response = await http.PostAsJsonAsync("run", body);
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("IN_QUEUE", run.GetProperty("status").GetString());
        return run.GetProperty("id").GetString()!;
    }

    public Task<JsonElement> StatusAsync(string id) => Http.GetFromJsonAsync<JsonElement>($"status/{id}");

    public Task<JsonElement> WaitForStatusAsync(string id, params string[] statuses) =>
        WaitForStatusAsync(Http, id, TimeSpan.FromSeconds(30), statuses);

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient http, string id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"status/{id}");
            if (statuses.Contains(status.GetProperty("status").GetString()))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} is still {status} after {timeout}.");
            await Task.Delay(50);
        }
    }

    public async Task<string> DownloadAsync(string key)
    {
        var path = Path.Combine(_downloads, $"{Guid.NewGuid():N}-{Path.GetFileName(key)}");
        using var response = await S3.GetObjectAsync(Bucket, key);
        await using var file = File.Create(path);
        await response.ResponseStream.CopyToAsync(file);
        return path;
    }
}
