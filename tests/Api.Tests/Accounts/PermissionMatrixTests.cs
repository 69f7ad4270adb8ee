using System.Net;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Accounts;

/// <summary>One team with a member of every role, an outsider creator and a starter, each with a JWT and API keys
/// holding team:read, team:admin, or neither.</summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Guid TeamId { get; private set; }

    public Guid TargetMemberId { get; private set; }

    public Dictionary<string, TestUser> Users { get; } = new();

    /// <summary>(actor, credential) → client.</summary>
    public Dictionary<(string, string), HttpClient> Clients { get; } = new();

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Factory.Relaxed();
        foreach (var name in new[] { "owner", "admin", "member", "viewer", "outsider", "target" })
        {
            Users[name] = await Factory.CreatorAsync();
        }
        Users["starter"] = await Factory.StarterAsync();
        var owner = Users["owner"];
        TeamId = await Factory.TeamWithAsync(owner, (Users["admin"], "admin"), (Users["member"], "member"), (Users["viewer"], "viewer"), (Users["target"], "member"));
        TargetMemberId = Users["target"].Id;
        foreach (var (name, user) in Users)
        {
            Clients[(name, "jwt")] = user.Client;
            var creator = name != "starter";
            Clients[(name, "team:read")] = Factory.ClientWith(await user.ApiKeyAsync(new { scopes = creator ? new[] { "team:read" } : new[] { "generate" } }));
            Clients[(name, "team:admin")] = Factory.ClientWith(await user.ApiKeyAsync(new { scopes = creator ? new[] { "team:admin" } : new[] { "generate" } }));
            Clients[(name, "none")] = Factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "generate", "jobs:read" } }));
        }
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Spec 05 §1, §2, §4: every team endpoint × every actor (owner, admin, member, viewer, non-member, starter) × every
/// credential (JWT, API key with the endpoint's scope, API key with another scope). Denials come in the guard
/// order: tier, scope, visibility (404), role (403); an allowed call gets past all four.
/// </summary>
public sealed class PermissionMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    private sealed record Op(string Scope, string[] Roles, Func<MatrixWorld, (HttpMethod, string, object?)> Request, HttpStatusCode Allowed, string? AllowedCode = null);

    private static readonly Dictionary<string, Op> Ops = new()
    {
        ["get_team"] = new("team:read", ["owner", "admin", "member", "viewer"], w => (HttpMethod.Get, $"/v1/teams/{w.TeamId}", null), HttpStatusCode.OK),
        ["list_members"] = new("team:read", ["owner", "admin", "member", "viewer"], w => (HttpMethod.Get, $"/v1/teams/{w.TeamId}/members", null), HttpStatusCode.OK),
        ["update_team"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Patch, $"/v1/teams/{w.TeamId}", new { settings = new { theme = "dark" } }), HttpStatusCode.OK),
        ["delete_team"] = new("team:admin", ["owner"], w => (HttpMethod.Delete, $"/v1/teams/{w.TeamId}", null), HttpStatusCode.Conflict, "TEAM_NOT_EMPTY"),
        ["change_role"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Patch, $"/v1/teams/{w.TeamId}/members/{w.TargetMemberId}", new { role = "member" }), HttpStatusCode.OK),
        ["remove_member"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Delete, $"/v1/teams/{w.TeamId}/members/{Guid.NewGuid()}", null), HttpStatusCode.NotFound, "MEMBER_NOT_FOUND"),
        ["list_invitations"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Get, $"/v1/teams/{w.TeamId}/invitations", null), HttpStatusCode.OK),
        ["create_invitation"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Post, $"/v1/teams/{w.TeamId}/invitations", new { email = AccountsHarness.NewEmail("inv") }), HttpStatusCode.Created),
        ["revoke_invitation"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Delete, $"/v1/teams/{w.TeamId}/invitations/{Guid.NewGuid()}", null), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND"),
        ["resend_invitation"] = new("team:admin", ["owner", "admin"], w => (HttpMethod.Post, $"/v1/teams/{w.TeamId}/invitations/{Guid.NewGuid()}/resend", null), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND"),
        // Leaving is allowed to every role; the owner (sole owner, others remain) is stopped by the last-owner rule after authorization.
        ["leave_as_owner_only"] = new("team:admin", ["owner"], w => (HttpMethod.Post, $"/v1/teams/{w.TeamId}/leave", null), HttpStatusCode.Conflict, "LAST_OWNER"),
    };

    private static readonly string[] Actors = ["owner", "admin", "member", "viewer", "outsider", "starter"];
    private static readonly string[] Credentials = ["jwt", "scoped_key", "unscoped_key"];

    public static IEnumerable<object[]> Cells() =>
        from op in Ops.Keys from actor in Actors from credential in Credentials
        where !(op == "leave_as_owner_only" && actor is "admin" or "member" or "viewer")
        select new object[] { op, actor, credential };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Team_endpoint_answers_per_tier_scope_visibility_and_role(string operation, string actor, string credential)
    {
        var op = Ops[operation];
        var clientKey = credential switch
        {
            "jwt" => "jwt",
            "scoped_key" => op.Scope,
            _ => op.Scope == "team:read" ? "team:admin" : "team:read", // a key with the other team scope: scopes never imply each other
        };
        var (method, path, body) = op.Request(world);

        var reply = await world.Clients[(actor, clientKey)].Call(method, path, body);

        if (actor == "starter")
        {
            reply.AssertError(HttpStatusCode.Forbidden, "CREATOR_TIER_REQUIRED");
        }
        else if (credential == "unscoped_key")
        {
            reply.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        }
        else if (actor == "outsider")
        {
            reply.AssertError(HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        }
        else if (!op.Roles.Contains(actor))
        {
            reply.AssertError(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        }
        else if (op.AllowedCode is not null)
        {
            reply.AssertError(op.Allowed, op.AllowedCode);
        }
        else
        {
            Assert.True(reply.Status == op.Allowed, $"expected {op.Allowed}, got {(int)reply.Status}: {reply.Body}");
        }
    }

    public static IEnumerable<object[]> AccountCells() =>
        from op in new[] { "list_teams", "create_team", "get_account", "update_account", "list_keys", "upgrade", "delete_account" }
        from credential in Credentials
        select new object[] { op, credential };

    /// <summary>Spec 05 §4.3 for the non-team routes: list teams needs team:read, create team:admin, the account and
    /// key routes need *, get_account any valid key, delete_account a JWT.</summary>
    [Theory]
    [MemberData(nameof(AccountCells))]
    public async Task Account_endpoint_answers_per_scope(string operation, string credential)
    {
        var user = world.Users["outsider"];
        var (method, path, body, scope) = operation switch
        {
            "list_teams" => (HttpMethod.Get, "/v1/teams", (object?)null, "team:read"),
            "create_team" => (HttpMethod.Post, "/v1/teams", new { name = "x" }, "team:admin"),
            "get_account" => (HttpMethod.Get, "/v1/account", null, (string?)null),
            "update_account" => (HttpMethod.Patch, "/v1/account", new { name = "Outsider" }, "*"),
            "list_keys" => (HttpMethod.Get, "/v1/auth/keys", null, "*"),
            "upgrade" => (HttpMethod.Post, "/v1/account/upgrade", null, "*"),
            _ => (HttpMethod.Delete, "/v1/account", null, "jwt-only"),
        };
        if (operation == "delete_account" && credential == "jwt")
        {
            return; // deleting the shared outsider would break other cells; covered by AccountTests
        }
        var client = credential switch
        {
            "jwt" => user.Client,
            "scoped_key" => scope switch
            {
                "team:read" or "team:admin" => world.Clients[("outsider", scope)],
                _ => world.Factory.ClientWith(await user.ApiKeyAsync(new { scopes = new[] { "*" } })),
            },
            _ => world.Clients[("outsider", scope == "team:read" ? "team:admin" : "team:read")],
        };

        var reply = await client.Call(method, path, body);

        var denied = credential == "unscoped_key" && scope is not null || operation == "delete_account";
        if (denied)
        {
            Assert.True(reply.ErrorCode is "INSUFFICIENT_SCOPE" or "UNAUTHENTICATED", $"{operation}/{credential}: {reply.Body}");
        }
        else
        {
            Assert.True((int)reply.Status is >= 200 and < 300, $"{operation}/{credential}: {(int)reply.Status} {reply.Body}");
        }
    }
}
