using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Framecast.Api.Tests.Fuzz;

/// <summary>
/// Malformed requests against every operation of the served OpenAPI document (see <see cref="ApiFuzzer"/>): no 5xx,
/// every 4xx in the error envelope, and the fuzzer's accounts exactly as they were. FUZZ_SEED, FUZZ_SECONDS and
/// FUZZ_REQUESTS set the run (<see cref="FuzzSettings"/>); a failure prints the seed and the requests to replay.
/// </summary>
public abstract class FuzzTests(FuzzHost host, ITestOutputHelper output)
{
    protected async Task Fuzz()
    {
        var settings = FuzzSettings.FromEnvironment();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var fuzzer = new ApiFuzzer(host, document, settings.Seed);
        var before = await host.SnapshotAsync();

        var failures = new List<string>();
        // Writes the API accepted: each should have been refused; printed to explain a changed snapshot.
        var accepted = new List<string>();
        var statuses = new Dictionary<int, int>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < settings.Requests && clock.Elapsed < settings.Duration)
        {
            var request = fuzzer.Next(sent++);
            covered.Add(request.Operation);
            var (status, body) = await SendAsync(client, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is >= 200 and < 300 && request.Method != "GET")
            {
                accepted.Add($"{status} for\n{request}");
            }
            if (status >= 500 || status == 0)
            {
                failures.Add($"{status} for\n{request}\n  answered: {Short(body)}");
            }
            // Kestrel itself refuses a NUL in the path (a bodiless 400) before any of the app runs.
            else if (status >= 400 && !IsEnvelope(body) && !(status == 400 && body.Length == 0 && request.Path.Contains("%00", StringComparison.Ordinal)))
            {
                failures.Add($"{status} without the envelope for\n{request}\n  answered: {Short(body)}");
            }
        }
        var after = await host.SnapshotAsync();

        output.WriteLine($"seed {settings.Seed}, rate limits {(host.RateLimited ? "on" : "off")}: {sent} requests in {clock.Elapsed.TotalSeconds:F1} s over {covered.Count} operations; " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var write in accepted.Take(10))
        {
            output.WriteLine("accepted write: " + write);
        }
        Assert.True(failures.Count == 0, $"seed {settings.Seed}: {failures.Count} bad answers of {sent}:\n\n" + string.Join("\n\n", failures.Take(15)));
        Assert.Equal(before, after);
        if (sent >= fuzzer.Operations.Count)
        {
            Assert.Equal(fuzzer.Operations.Count, covered.Count);
        }
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, FuzzRequest fuzz)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri(fuzz.Path, UriKind.Relative));
        if (fuzz.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzz.Authorization);
        }
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            // The event stream of a job the fuzzer can reach would never end; no fuzzed request reaches one.
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text);
        }
        catch (HttpRequestException e) when (fuzz.Body is { Length: > 8 * 1024 * 1024 })
        {
            // Kestrel answers 413 and closes the connection before a body this large is sent whole; the client
            // may see only the reset. That is the limit working.
            return (413, $"{{\"error\": {{\"code\": \"PAYLOAD_TOO_LARGE\", \"message\": \"(connection closed: {e.Message})\"}}}}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, $"no answer: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Short(string text) => text.Length > 600 ? text[..600] + "…" : text;

    private static bool IsEnvelope(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString()!.Length > 0
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public sealed class FuzzWithoutRateLimitsTests(UnlimitedFuzzHost host, ITestOutputHelper output) : FuzzTests(host, output), IClassFixture<UnlimitedFuzzHost>
{
    [Fact]
    public Task Malformed_requests_to_every_operation_get_a_4xx_envelope_and_change_nothing() => Fuzz();
}

public sealed class FuzzWithRateLimitsTests(RateLimitedFuzzHost host, ITestOutputHelper output) : FuzzTests(host, output), IClassFixture<RateLimitedFuzzHost>
{
    [Fact]
    public Task Malformed_requests_to_every_operation_get_a_4xx_envelope_or_429_and_change_nothing() => Fuzz();
}
