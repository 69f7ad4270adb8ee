using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Observability;

/// <summary>
/// The business counters of <c>GET /metrics</c> as jobs are admitted and settled. The API runs as its own process:
/// OpenTelemetry subscribes to meters by name across the whole process, so a test host of its own would share (and,
/// when another test host stops, lose) its <c>framecast.*</c> streams with every other host of the test run.
/// </summary>
public sealed class BusinessMetricsTests(ProcessStack stack) : IClassFixture<ProcessStack>
{
    [Fact]
    public async Task The_business_counters_move_as_jobs_are_admitted_and_settled()
    {
        var account = await stack.AccountAsync(credits: 200);
        var before = await ScrapeAsync();

        // One after the other: a starter account runs one job at a time.
        var completed = await CreateAsync(account, new { skip_render = true });
        Assert.Equal("completed", (await WaitForTerminalAsync(account, completed)).GetProperty("status").GetString());
        var failing = await CreateAsync(account, new { outcome = "fail", failure_type = "system", skip_render = true });
        var refunded = (await WaitForTerminalAsync(account, failing)).GetProperty("credits_refunded").GetInt32();
        var charged = completed.GetProperty("credits_charged").GetInt32() + failing.GetProperty("credits_charged").GetInt32();
        var after = await ScrapeAsync();

        Assert.True(refunded > 0, "the failed job refunded nothing");
        Assert.Equal(2, Value(after, "framecast_jobs_admitted_total") - Value(before, "framecast_jobs_admitted_total"));
        Assert.Equal(1, Value(after, "framecast_jobs_settled_total", "status=\"completed\"") - Value(before, "framecast_jobs_settled_total", "status=\"completed\""));
        Assert.Equal(1, Value(after, "framecast_jobs_failed_total", "failure_type=\"system\"") - Value(before, "framecast_jobs_failed_total", "failure_type=\"system\""));
        Assert.Equal(charged, Value(after, "framecast_credits_charged_total") - Value(before, "framecast_credits_charged_total"));
        Assert.Equal(refunded, Value(after, "framecast_credits_refunded_total") - Value(before, "framecast_credits_refunded_total"));
        Assert.Equal(Value(before, "framecast_jobs_active"), Value(after, "framecast_jobs_active"));
        Assert.True(Value(after, "framecast_events_fanout_delay_seconds_count") > 0, "no event fan-out was measured");
        Assert.Contains("# TYPE orleans_", after);
    }

    private async Task<JsonElement> CreateAsync(ProcessAccount account, object steering)
    {
        using var request = account.Request(HttpMethod.Post, "/v1/generate", new
        {
            spec = new { title = "Metered", scenes = new[] { new { id = "s1", prompt = "A metered harbor", duration = 2 } } },
            options = new { local_worker = steering },
        });
        var response = await stack.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForTerminalAsync(ProcessAccount account, JsonElement job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var request = account.Request(HttpMethod.Get, $"/v1/jobs/{job.GetProperty("id").GetString()}");
            var current = await (await stack.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            if (current.GetProperty("status").GetString() is "completed" or "failed" or "canceled")
            {
                return current;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the job is still {current.GetProperty("status")} after 60 s");
            await Task.Delay(200);
        }
    }

    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new("Bearer", ProcessStack.AdminToken) } };
        var response = await stack.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sample of <paramref name="name"/> whose labels include <paramref name="label"/>; 0 when it has none yet.</summary>
    private static double Value(string scrape, string name, string? label = null)
    {
        var pattern = new Regex($@"^{Regex.Escape(name)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)", RegexOptions.Multiline);
        var sample = pattern.Matches(scrape).FirstOrDefault(m => label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal));
        return sample is null ? 0 : double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
    }
}
