using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Hosting;

/// <summary>The one scan every JSON body passes before it binds: what it refuses, on endpoints whose binding would not.</summary>
public sealed class BodyScanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/v1/invitations/accept-token", """{"token":"\u0000abc"}""", "application/json")]
    [InlineData("/v1/invitations/accept-token", """{"token":"a\ud800b"}""", "application/json")]
    [InlineData("/v1/auth/keys", """{"name":"a","name":"b"}""", "application/json")]
    [InlineData("/v1/spec/validate", """{"title":"a\udc00","scenes":[]}""", "application/json")]
    public async Task Storable_text_and_unique_properties_are_required_of_every_json_body(string path, string json, string contentType)
    {
        var user = await factory.Relaxed().CreatorAsync();
        var keysBefore = await factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE user_id = @id", new { id = user.Id });

        var reply = await Send(user.Client, path, Encoding.UTF8.GetBytes(json), contentType);

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(keysBefore, await factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE user_id = @id", new { id = user.Id }));
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_and_creates_nothing()
    {
        var user = await factory.Relaxed().CreatorAsync();
        byte[] body = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        var reply = await Send(user.Client, "/v1/auth/keys", body, "application/json");

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, await factory.SqlAsync<int>("SELECT count(*)::int FROM api_keys WHERE user_id = @id", new { id = user.Id }));
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("text/yaml; charset=ebcdic")]
    public async Task A_charset_other_than_utf8_is_415(string contentType)
    {
        var user = await factory.Relaxed().CreatorAsync();

        var reply = await Send(user.Client, "/v1/spec/validate", Encoding.UTF8.GetBytes("""{"title":"t","scenes":[]}"""), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
    }

    private static async Task<Reply> Send(HttpClient client, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(), response);
    }
}
