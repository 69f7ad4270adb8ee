using System.Net;
using Dapper;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Framecast.Api.Tests.Fuzz;

/// <summary>
/// The API on a real loopback port (so Kestrel's own limits answer, as in production) with the accounts the fuzzer
/// acts as: a creator with credits, an API key, a team with a member, a project and a pending invitation.
/// </summary>
public abstract class FuzzHost : IAsyncLifetime
{
    protected FuzzHost(bool rateLimited)
    {
        RateLimited = rateLimited;
        if (!rateLimited)
        {
            Api.Relaxed();
        }
    }

    public bool RateLimited { get; }

    public ApiFactory Api { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public TestUser Creator { get; private set; } = null!;

    public TestUser Member { get; private set; } = null!;

    public string CreatorJwt { get; private set; } = "";

    public string ApiKey { get; private set; } = "";

    public Guid ApiKeyId { get; private set; }

    public Guid TeamId { get; private set; }

    public Guid ProjectId { get; private set; }

    public Guid InvitationId { get; private set; }

    public async Task InitializeAsync()
    {
        var port = LocalProcess.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Api.Settings["FRAMECAST_PUBLIC_URL"] = BaseUrl;
        await Api.InitializeAsync();
        Api.UseKestrel(port);
        Api.StartServer();

        // Set up through the API (the grains write the rows) before any limit could count against it.
        Creator = await Api.CreatorAsync();
        Member = await Api.CreatorAsync();
        CreatorJwt = Creator.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        TeamId = await Api.TeamWithAsync(Creator, (Member, "member"));
        using (var admin = Api.ClientWith(AuthOptions.LocalAdminToken))
        {
            var granted = await admin.Call(HttpMethod.Post, "/v1/admin/credits", new { owner = Creator.Urn, amount = 500, reason = "fuzz" });
            Assert.Equal(HttpStatusCode.OK, granted.Status);
        }
        var key = await Creator.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { name = "fuzz" });
        Assert.Equal(HttpStatusCode.Created, key.Status);
        ApiKey = key.Str("raw_key");
        ApiKeyId = key.Body.GetProperty("api_key").GetProperty("id").GetGuid();
        var project = await Creator.Client.Call(HttpMethod.Post, $"/v1/teams/{TeamId}/projects", new { name = "Fuzz" });
        Assert.Equal(HttpStatusCode.Created, project.Status);
        ProjectId = project.Id();
        var invitation = await Creator.Client.Call(HttpMethod.Post, $"/v1/teams/{TeamId}/invitations", new { email = AccountsHarness.NewEmail("invitee"), role = "member" });
        Assert.Equal(HttpStatusCode.Created, invitation.Status);
        InvitationId = invitation.Id();
    }

    /// <summary>Everything of the fuzzer's accounts a request could change, as one comparable text (last_used_at aside).</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.QuerySingleAsync<string>(
            """
            WITH us AS (SELECT unnest(@users) AS id),
                 ts AS (SELECT DISTINCT team_id AS id FROM memberships WHERE user_id IN (SELECT id FROM us))
            SELECT concat_ws(E'\n',
                (SELECT string_agg(concat_ws(':', id, email, tier, credits, name, avatar_url, upgraded_at), ',' ORDER BY id) FROM users WHERE id IN (SELECT id FROM us)),
                (SELECT 'jobs ' || count(*) FROM jobs WHERE triggered_by IN (SELECT id FROM us)),
                (SELECT string_agg(concat_ws(':', id, name, owner, scopes, expires_at, revoked_at), ',' ORDER BY id) FROM api_keys WHERE user_id IN (SELECT id FROM us)),
                (SELECT string_agg(concat_ws(':', team_id, user_id, role), ',' ORDER BY team_id, user_id) FROM memberships WHERE user_id IN (SELECT id FROM us)),
                (SELECT string_agg(concat_ws(':', id, name, slug, credits, settings, updated_at), ',' ORDER BY id) FROM teams WHERE id IN (SELECT id FROM ts)),
                (SELECT string_agg(concat_ws(':', id, name, status, md5(spec::text), updated_at), ',' ORDER BY id) FROM projects WHERE team_id IN (SELECT id FROM ts)),
                (SELECT string_agg(concat_ws(':', id, email, role, expires_at, accepted_at, declined_at, revoked_at), ',' ORDER BY id) FROM invitations WHERE team_id IN (SELECT id FROM ts)),
                (SELECT 'ledger ' || count(*) FROM credit_ledger WHERE user_id IN (SELECT id FROM us) OR team_id IN (SELECT id FROM ts)),
                (SELECT 'assets ' || count(*) FROM asset_files WHERE uploaded_by IN (SELECT id FROM us)))
            """,
            new { users = new[] { Creator.Id, Member.Id } });
    }

    public Task DisposeAsync() => Api.DisposeAsync();
}

/// <summary>Rate limits off: every malformed request reaches its endpoint.</summary>
public sealed class UnlimitedFuzzHost() : FuzzHost(rateLimited: false);

/// <summary>The default rate limits: 429s mix with the endpoints' answers, and must be envelopes too.</summary>
public sealed class RateLimitedFuzzHost() : FuzzHost(rateLimited: true);
