using System.Net;
using System.Text;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Framecast.Api.Tests.Accounts;

public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = Configure(factory);

    private static ApiFactory Configure(ApiFactory factory)
    {
        factory.Settings["AUTH_MAX_FAILURES_PER_ACCOUNT"] = "3";
        return factory.Relaxed();
    }

    private HttpClient Anonymous => _factory.CreateClient();

    [Fact]
    public async Task Signup_creates_a_starter_and_the_token_endpoint_returns_an_expiring_jwt_for_it()
    {
        var email = AccountsHarness.NewEmail();

        var signup = await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email = email.ToUpperInvariant(), password = "s3cret-pass" });
        var token = await Anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email, password = "s3cret-pass" });

        Assert.Equal(HttpStatusCode.Created, signup.Status);
        Assert.Equal(email, signup.Str("email"));
        Assert.Equal("starter", signup.Str("tier"));
        Assert.Equal(0, signup.Body.GetProperty("credits").GetInt32());
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("bearer", token.Str("token_type"));
        Assert.True(token.Body.GetProperty("expires_in").GetInt32() > 0);
        var jwt = new JsonWebToken(token.Str("access_token"));
        Assert.Equal(signup.Str("id"), jwt.Subject);
        Assert.Contains("authenticated", jwt.Audiences);
        Assert.True(jwt.ValidTo > DateTime.UtcNow);
        var me = await _factory.ClientWith(token.Str("access_token")).Call(HttpMethod.Get, "/v1/account");
        Assert.Equal(signup.Str("id"), me.Str("id"));
        Assert.DoesNotContain("s3cret-pass", await _factory.SqlAsync<string>("SELECT password_hash FROM auth_identities WHERE email = @email", new { email }));
    }

    [Fact]
    public async Task Signup_refuses_a_taken_email_an_invalid_email_and_a_short_password()
    {
        var email = AccountsHarness.NewEmail();
        await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email, password = "long-enough" });

        (await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email, password = "long-enough" })).AssertError(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        (await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email = "not-an-email", password = "long-enough" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email = new string('a', 250) + "@x.com", password = "long-enough" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email = AccountsHarness.NewEmail(), password = "short" })).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_generic_401()
    {
        var email = AccountsHarness.NewEmail();
        await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email, password = "right-password" });

        var wrong = await Anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email, password = "wrong-password" });
        var unknown = await Anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email = AccountsHarness.NewEmail(), password = "right-password" });

        wrong.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        unknown.AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(wrong.Body.GetProperty("error").GetProperty("message").GetString(), unknown.Body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_with_429_and_retry_after_even_for_the_right_password()
    {
        var email = AccountsHarness.NewEmail();
        await Anonymous.Call(HttpMethod.Post, "/v1/auth/signup", new { email, password = "right-password" });
        for (var i = 0; i < 3; i++)
        {
            await Anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email, password = "guess-" + i });
        }

        var locked = await Anonymous.Call(HttpMethod.Post, "/v1/auth/token", new { email, password = "right-password" });

        locked.AssertError(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.True(locked.Body.GetProperty("error").GetProperty("retryAfter").GetInt32() > 0);
        Assert.NotNull(locked.Raw.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_valid_jwt_for_an_unknown_user_provisions_a_starter_on_first_use()
    {
        var id = Guid.NewGuid();
        var email = AccountsHarness.NewEmail("jit");

        var me = await _factory.ClientWith(_factory.TokenFor(id, email)).Call(HttpMethod.Get, "/v1/account");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(id, me.Id());
        Assert.Equal("starter", me.Str("tier"));
        Assert.Equal(1, await _factory.SqlAsync<int>("SELECT count(*)::int FROM users WHERE id = @id", new { id }));
    }

    public static IEnumerable<object[]> BadTokens()
    {
        string Sign(string secret, string audience, DateTime expires, DateTime? notBefore = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Expires = expires,
            NotBefore = notBefore ?? expires.AddHours(-2),
            IssuedAt = notBefore ?? expires.AddHours(-2),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["email"] = AccountsHarness.NewEmail() },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
        yield return ["expired", Sign(AuthOptions.LocalJwtSecret, "authenticated", DateTime.UtcNow.AddMinutes(-5))];
        yield return ["wrong secret", Sign("another-secret-that-is-long-enough-for-hs256!", "authenticated", DateTime.UtcNow.AddHours(1))];
        yield return ["wrong audience", Sign(AuthOptions.LocalJwtSecret, "anon", DateTime.UtcNow.AddHours(1))];
        yield return ["garbage", "not.a.jwt"];
        yield return ["unknown api key", "sk_live_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBB"];
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_credentials_answer_401_in_the_envelope(string what, string token)
    {
        var reply = await _factory.ClientWith(token).Call(HttpMethod.Get, "/v1/account");

        Assert.True(reply.ErrorCode == "UNAUTHENTICATED" && reply.Status == HttpStatusCode.Unauthorized, $"{what}: {reply.Body}");
    }

    [Fact]
    public async Task No_credentials_answer_401_and_a_non_bearer_scheme_too()
    {
        (await Anonymous.Call(HttpMethod.Get, "/v1/account")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        var basic = Anonymous;
        basic.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        (await basic.Call(HttpMethod.Get, "/v1/teams")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_api_key_authenticates_as_its_user_and_a_revoked_key_is_refused_at_once()
    {
        var user = await _factory.StarterAsync();
        var created = await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { name = "ci" });
        var key = _factory.ClientWith(created.Str("raw_key"));
        Assert.Equal(user.Id, (await key.Call(HttpMethod.Get, "/v1/account")).Id());

        await user.Client.Call(HttpMethod.Delete, $"/v1/auth/keys/{created.Body.GetProperty("api_key").GetProperty("id").GetGuid()}");

        (await key.Call(HttpMethod.Get, "/v1/account")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_expired_api_key_is_refused()
    {
        var user = await _factory.StarterAsync();
        var created = await user.Client.Call(HttpMethod.Post, "/v1/auth/keys", new { expires_at = DateTimeOffset.UtcNow.AddHours(1) });
        var key = _factory.ClientWith(created.Str("raw_key"));
        Assert.Equal(HttpStatusCode.OK, (await key.Call(HttpMethod.Get, "/v1/account")).Status);

        await _factory.ExecAsync("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE user_id = @Id", new { user.Id });

        (await key.Call(HttpMethod.Get, "/v1/account")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_token_of_a_deleted_account_does_not_bring_it_back()
    {
        var user = await _factory.StarterAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.Call(HttpMethod.Delete, "/v1/account")).Status);

        (await user.Client.Call(HttpMethod.Get, "/v1/account")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(0, await _factory.SqlAsync<int>("SELECT count(*)::int FROM users WHERE id = @Id", new { user.Id }));
    }
}
