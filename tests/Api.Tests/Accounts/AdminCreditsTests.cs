using System.Net;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

public sealed class AdminCreditsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string AdminToken = "test-admin-token-for-credits";
    private readonly ApiFactory _factory = Configure(factory);

    private static ApiFactory Configure(ApiFactory factory)
    {
        factory.Settings["FRAMECAST_ADMIN_TOKEN"] = AdminToken;
        return factory.Relaxed();
    }

    private HttpClient Admin => _factory.ClientWith(AdminToken);

    [Fact]
    public async Task Granting_credits_to_a_user_changes_the_balance_and_writes_the_ledger()
    {
        var user = await _factory.StarterAsync();

        var reply = await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 250, reason = "welcome bonus" });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(250, reply.Body.GetProperty("balance").GetInt32());
        Assert.Equal(250, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("credits").GetInt32());
        var ledger = await _factory.SqlAsync<int>("SELECT balance_after FROM credit_ledger WHERE user_id = @Id AND reason = 'welcome bonus'", new { user.Id });
        Assert.Equal(250, ledger);
    }

    [Fact]
    public async Task Team_and_membership_urns_credit_the_team_pool()
    {
        var owner = await _factory.CreatorAsync();
        var teamId = owner.MyTeamId!.Value;

        await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = $"framecast:team:{teamId}", amount = 100, reason = "grant" });
        var membership = await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = $"framecast:{teamId}:{owner.Id}", amount = 50, reason = "grant" });

        Assert.Equal(150, membership.Body.GetProperty("balance").GetInt32());
        Assert.Equal(150, (await owner.Client.Call(HttpMethod.Get, $"/v1/teams/{teamId}")).Body.GetProperty("credits").GetInt32());
    }

    [Fact]
    public async Task A_debit_below_zero_is_refused_with_402_and_changes_nothing()
    {
        var user = await _factory.StarterAsync();
        await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 10, reason = "grant" });

        var reply = await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = -11, reason = "too much" });

        reply.AssertError(HttpStatusCode.PaymentRequired, "INSUFFICIENT_CREDITS");
        Assert.Equal(10, (await user.Client.Call(HttpMethod.Get, "/v1/account")).Body.GetProperty("credits").GetInt32());
        var debit = await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = -10, reason = "all of it" });
        Assert.Equal(0, debit.Body.GetProperty("balance").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData(AuthOptions.LocalAdminToken)]
    public async Task Without_the_admin_token_the_endpoint_answers_401(string? token)
    {
        var user = await _factory.StarterAsync();

        var reply = await _factory.ClientWith(token).Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 5, reason = "x" });

        reply.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_user_jwt_is_not_an_admin_token()
    {
        var user = await _factory.StarterAsync();

        var reply = await user.Client.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 5, reason = "x" });

        reply.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Theory]
    [InlineData("framecast:user:not-a-uuid", 5, "x", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("framecast:team:00000000-0000-0000-0000-000000000001", 5, "x", HttpStatusCode.NotFound, "TEAM_NOT_FOUND")]
    [InlineData("framecast:user:00000000-0000-0000-0000-000000000001", 5, "x", HttpStatusCode.NotFound, "USER_NOT_FOUND")]
    [InlineData("framecast:user:00000000-0000-0000-0000-000000000001", 0, "x", HttpStatusCode.NotFound, "USER_NOT_FOUND")]
    [InlineData("FRAMECAST:USER:00000000-0000-0000-0000-000000000001", 5, "x", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    public async Task Bad_owners_and_amounts_are_refused(string owner, int amount, string reason, HttpStatusCode status, string code)
    {
        var reply = await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner, amount, reason });

        reply.AssertError(status, code);
    }

    [Fact]
    public async Task A_zero_amount_or_a_missing_reason_is_a_validation_error()
    {
        var user = await _factory.StarterAsync();

        (await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 0, reason = "x" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 1, reason = "" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = user.Urn, amount = 1 })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM credit_ledger WHERE user_id = @Id", new { user.Id }));
    }
}
