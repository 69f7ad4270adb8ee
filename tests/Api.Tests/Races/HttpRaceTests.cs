using System.Net;
using System.Net.Http.Headers;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Jobs;
using static Framecast.Api.Tests.Jobs.JobsApiFixture;

namespace Framecast.Api.Tests.Races;

/// <summary>Parallel requests over real HTTP (the API on a loopback port): exactly one wins, the losers get the spec's answer.</summary>
public sealed class HttpRaceTests(JobsApiFixture fixture) : IClassFixture<JobsApiFixture>
{
    private static readonly object Hang = Fast(new { outcome = "hang", skip_render = true });

    private HttpClient OverHttp(TestUser user) => new()
    {
        BaseAddress = new Uri(fixture.BaseUrl),
        DefaultRequestHeaders = { Authorization = user.Client.DefaultRequestHeaders.Authorization },
    };

    [Fact]
    public async Task Twelve_parallel_cancels_of_one_active_job_give_one_200_and_eleven_409s_and_a_later_cancel_is_409()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var created = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(10), options = Hang });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var client = OverHttp(user);

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.Call(HttpMethod.Post, $"/v1/jobs/{created.Id()}/cancel")));

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => r.AssertError(HttpStatusCode.Conflict, "JOB_NOT_CANCELABLE"));
        (await client.Call(HttpMethod.Post, $"/v1/jobs/{created.Id()}/cancel")).AssertError(HttpStatusCode.Conflict, "JOB_NOT_CANCELABLE");
        var refunded = replies.Single(r => r.Status == HttpStatusCode.OK).Body.GetProperty("credits_refunded").GetInt32();
        Assert.Equal(100 - created.Body.GetProperty("credits_charged").GetInt32() + refunded, await fixture.CreditsAsync(user.Id));
    }

    [Fact]
    public async Task Ten_parallel_clones_with_one_idempotency_key_create_one_job_and_replay_it_to_the_others()
    {
        var user = await fixture.CreatorWithCreditsAsync(100);
        var source = await user.Client.Call(HttpMethod.Post, "/v1/generate", new { spec = Storyboard(2), options = Fast() });
        await fixture.WaitForJobAsync(user, source.Id(), IsTerminal);
        var before = await fixture.CreditsAsync(user.Id);
        using var client = OverHttp(user);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/jobs/{source.Id()}/clone");
            request.Headers.Add("Idempotency-Key", "clone-once");
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Id: System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid());
        }));

        Assert.Single(replies, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, replies.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(replies.Select(r => r.Id).Distinct());
        Assert.Equal(before - source.Body.GetProperty("credits_charged").GetInt32(), await fixture.CreditsAsync(user.Id));
        Assert.Equal(2, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM jobs WHERE triggered_by = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Ten_parallel_accepts_of_one_invitation_give_one_membership_and_409_to_the_others()
    {
        var owner = await fixture.Api.CreatorAsync();
        var invitee = await fixture.Api.CreatorAsync();
        var team = await owner.Client.Call(HttpMethod.Post, "/v1/teams", new { name = "Race " + Guid.NewGuid().ToString("N")[..6] });
        var teamId = team.Body.GetProperty("team").GetProperty("id").GetGuid();
        var invitation = await owner.Client.Call(HttpMethod.Post, $"/v1/teams/{teamId}/invitations", new { email = invitee.Email, role = "member" });
        using var client = OverHttp(invitee);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Call(HttpMethod.Post, $"/v1/invitations/{invitation.Id()}/accept")));

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => Assert.True(
            r.Status == HttpStatusCode.Conflict && r.ErrorCode is "INVITATION_NOT_ACTIONABLE" or "ALREADY_MEMBER", $"{(int)r.Status} {r.Body}"));
        Assert.Equal(1, await fixture.Api.SqlAsync<int>("SELECT count(*)::int FROM memberships WHERE team_id = @teamId AND user_id = @Id", new { teamId, invitee.Id }));
    }
}
