using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Jobs;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Observability;

/// <summary><c>GET /metrics</c>: the Prometheus scrape, operators only, with the business counters moving as jobs run.</summary>
public sealed class MetricsTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    [Fact]
    public async Task Metrics_need_the_admin_token()
    {
        var user = await fixture.Api.CreatorAsync();
        using var anonymous = fixture.Api.ClientWith(null);

        (await anonymous.Call(HttpMethod.Get, "/metrics")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.NotEqual(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Get, "/metrics")).Status);
    }

    [Fact]
    public async Task The_business_counters_move_as_jobs_are_admitted_and_settled()
    {
        var user = await fixture.CreatorWithCreditsAsync(200);
        var before = await ScrapeAsync();

        var completed = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2), options = Fast() });
        var failing = await user.Client.Call(HttpMethod.Post, "/v1/generate",
            new { spec = Storyboard(2), options = Fast(new { outcome = "fail", failure_type = "system", skip_render = true }) });
        var charged = completed.Body.GetProperty("credits_charged").GetInt32() + failing.Body.GetProperty("credits_charged").GetInt32();
        var refunded = (await fixture.WaitForJobAsync(user, failing.Id(), IsTerminal)).GetProperty("credits_refunded").GetInt32();
        await fixture.WaitForJobAsync(user, completed.Id(), IsTerminal);
        var after = await ScrapeAsync();

        Assert.Equal(2, Value(after, "framecast_jobs_admitted_total") - Value(before, "framecast_jobs_admitted_total"));
        Assert.Equal(1, Value(after, "framecast_jobs_settled_total", "status=\"completed\"") - Value(before, "framecast_jobs_settled_total", "status=\"completed\""));
        Assert.Equal(1, Value(after, "framecast_jobs_failed_total", "failure_type=\"system\"") - Value(before, "framecast_jobs_failed_total", "failure_type=\"system\""));
        Assert.Equal(charged, Value(after, "framecast_credits_charged_total") - Value(before, "framecast_credits_charged_total"));
        Assert.Equal(refunded, Value(after, "framecast_credits_refunded_total") - Value(before, "framecast_credits_refunded_total"));
        Assert.Equal(Value(before, "framecast_jobs_active"), Value(after, "framecast_jobs_active"));
        Assert.True(Value(after, "framecast_events_fanout_delay_seconds_count") > 0, "no event fan-out was measured");
        Assert.Contains("# TYPE orleans_", after);
    }

    private async Task<string> ScrapeAsync()
    {
        using var admin = fixture.Api.ClientWith(AuthOptions.LocalAdminToken);
        var response = await admin.GetAsync("/metrics");
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
