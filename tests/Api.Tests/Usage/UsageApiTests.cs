using System.Net;
using System.Text.Json;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Jobs;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Usage;

/// <summary>Usage as the credit pools book it, read at <c>GET /v1/usage</c> and on the account and team responses.</summary>
public sealed class UsageApiTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    private static readonly object Hang = Fast(new { outcome = "hang", skip_render = true });

    private static string ThisMonth => DateTime.UtcNow.ToString("yyyy-MM");

    [Fact]
    public async Task Usage_totals_equal_the_charges_minus_the_refunds_of_the_jobs_behind_them()
    {
        var user = await fixture.CreatorWithCreditsAsync(500);
        var completed = await Generate(user, user.Urn, Storyboard(2, 3), Fast());
        var failed = await Generate(user, user.Urn, Storyboard(4), Fast(new { outcome = "fail", failure_type = "system", skip_render = true }));
        var canceled = await Generate(user, user.Urn, Storyboard(10), Hang);
        // Read while the jobs run, so the pool's copy of the month must be dropped by their settlements to be right below.
        var early = (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("usage");
        Assert.Equal(3, early.GetProperty("renders_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await user.Client.Call(HttpMethod.Post, $"/v1/jobs/{canceled}/cancel")).Status);
        var jobs = new List<JsonElement>();
        foreach (var id in new[] { completed, failed, canceled })
        {
            jobs.Add(await fixture.WaitForJobAsync(user, id, IsTerminal));
        }
        var charged = jobs.Sum(j => j.GetProperty("credits_charged").GetInt32());
        var refunded = jobs.Sum(j => j.GetProperty("credits_refunded").GetInt32());
        Assert.True(refunded > 0 && refunded < charged, $"the three jobs should refund some but not all: {charged} charged, {refunded} refunded");

        var usage = await user.Client.Call(HttpMethod.Get, "/v1/usage");

        Assert.Equal(HttpStatusCode.OK, usage.Status);
        Assert.Equal(user.Urn, usage.Str("owner"));
        var month = Assert.Single(usage.Body.GetProperty("periods").EnumerateArray());
        Assert.Equal(ThisMonth, month.GetProperty("period").GetString());
        Assert.Equal(3, month.GetProperty("renders_count").GetInt32());
        Assert.Equal(charged, month.GetProperty("credits_used").GetInt32());
        Assert.Equal(refunded, month.GetProperty("credits_refunded").GetInt32());
        Assert.Equal(charged - refunded, month.GetProperty("net_credits").GetInt32());
        // Seconds of video delivered: only the completed job's output counts.
        Assert.Equal((int)Math.Round(jobs[0].GetProperty("output").GetProperty("duration").GetDouble()), month.GetProperty("render_seconds").GetInt32());
        var totals = usage.Body.GetProperty("totals");
        Assert.Equal(charged - refunded, totals.GetProperty("net_credits").GetInt32());
        // The credits the pool lost are exactly the usage's net.
        Assert.Equal(500 - (charged - refunded), await fixture.CreditsAsync(user.Id));

        var account = await user.Client.Call(HttpMethod.Get, "/v1/account");
        var current = account.Body.GetProperty("usage");
        Assert.Equal(ThisMonth, current.GetProperty("period").GetString());
        Assert.Equal(charged - refunded, current.GetProperty("net_credits").GetInt32());
        Assert.Equal(3, current.GetProperty("renders_count").GetInt32());
    }

    [Fact]
    public async Task A_team_urn_covers_the_team_pool_its_own_jobs_and_its_members_membership_jobs()
    {
        var owner = await fixture.Api.CreatorAsync();
        var member = await fixture.Api.CreatorAsync();
        var teamId = await fixture.Api.TeamWithAsync(owner, (member, "member"));
        await fixture.GrantAsync($"framecast:team:{teamId:D}", 300);
        var teamJob = await Generate(owner, $"framecast:team:{teamId:D}", Storyboard(2), Fast());
        var membershipJob = await Generate(member, $"framecast:{teamId:D}:{member.Id:D}", Storyboard(3), Fast());
        var charged = 0;
        foreach (var (user, id) in new[] { (owner, teamJob), (member, membershipJob) })
        {
            charged += (await fixture.WaitForJobAsync(user, id, IsTerminal)).GetProperty("credits_charged").GetInt32();
        }

        var team = await member.Client.Call(HttpMethod.Get, $"/v1/usage?owner=framecast:team:{teamId:D}");
        var own = await member.Client.Call(HttpMethod.Get, $"/v1/usage?owner=framecast:{teamId:D}:{member.Id:D}");
        var teamResponse = await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}");

        Assert.Equal(HttpStatusCode.OK, team.Status);
        Assert.Equal(2, team.Body.GetProperty("totals").GetProperty("renders_count").GetInt32());
        Assert.Equal(charged, team.Body.GetProperty("totals").GetProperty("credits_used").GetInt32());
        Assert.Equal(1, own.Body.GetProperty("totals").GetProperty("renders_count").GetInt32());
        Assert.Equal(charged, teamResponse.Body.GetProperty("usage").GetProperty("credits_used").GetInt32());
        // Someone else's membership URN is theirs alone to read.
        (await owner.Client.Call(HttpMethod.Get, $"/v1/usage?owner=framecast:{teamId:D}:{member.Id:D}"))
            .AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
    }

    [Fact]
    public async Task An_owner_the_caller_cannot_read_is_refused_403()
    {
        var user = await fixture.Api.CreatorAsync();
        var stranger = await fixture.Api.CreatorAsync();

        (await stranger.Client.Call(HttpMethod.Get, $"/v1/usage?owner={user.Urn}")).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await stranger.Client.Call(HttpMethod.Get, $"/v1/usage?owner=framecast:team:{user.MyTeamId:D}")).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
    }

    [Theory]
    [InlineData("?from=2026-13")]
    [InlineData("?to=2026-00")]
    [InlineData("?from=0000-01")]
    [InlineData("?from=2026-05&to=2026-04")]
    [InlineData("?from=1900-01&to=2026-01")]
    [InlineData("?owner=framecast:nobody")]
    [InlineData("?from=2026-01%00")]
    public async Task Malformed_queries_answer_400(string query)
    {
        var user = await fixture.Api.StarterAsync();

        var reply = await user.Client.Call(HttpMethod.Get, "/v1/usage" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.NotNull(reply.ErrorCode);
    }

    [Fact]
    public async Task A_range_of_months_without_usage_answers_no_periods_and_zero_totals()
    {
        var user = await fixture.Api.StarterAsync();

        var reply = await user.Client.Call(HttpMethod.Get, "/v1/usage?from=2001-01&to=2001-12");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Empty(reply.Body.GetProperty("periods").EnumerateArray());
        Assert.Equal(0, reply.Body.GetProperty("totals").GetProperty("credits_used").GetInt32());
        Assert.Equal("2001-01", reply.Str("from"));
    }

    private static async Task<Guid> Generate(TestUser user, string owner, object spec, object options)
    {
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { owner, spec, options });
        Assert.True(created.Status == HttpStatusCode.Created, $"generate answered {(int)created.Status}: {created.Body}");
        return created.Id();
    }
}
