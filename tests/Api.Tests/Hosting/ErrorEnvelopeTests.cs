using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Hosting;

public sealed class ErrorEnvelopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Unknown_route_answers_404_in_the_envelope()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("NOT_FOUND", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Wrong_method_answers_405_in_the_envelope()
    {
        using var response = await factory.CreateClient().DeleteAsync("/v1/health");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", (await ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_echoes_the_clients()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "test-req-42");

        using var response = await client.GetAsync("/v1/status");

        Assert.Equal("test-req-42", response.Headers.GetValues("X-Request-Id").Single());
    }

    internal static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
