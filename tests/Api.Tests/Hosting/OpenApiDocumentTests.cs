using System.Text.Json.Nodes;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Hosting;

/// <summary>spec/openapi.json is the served document. `just openapi` rewrites it after an API change.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Committed = Path.Combine(RepositoryRoot.Path, "spec", "openapi.json");

    [Fact]
    public async Task The_committed_openapi_document_matches_the_served_one()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Committed, served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!;
        Assert.True(JsonNode.DeepEquals(served, committed), "spec/openapi.json is out of date: run `just openapi` and commit it.");
        Assert.Equal("Framecast API", served["info"]!["title"]!.GetValue<string>());
        foreach (var path in new[] { "/v1/generate", "/v1/jobs/{id}/events", "/v1/spec/validate", "/v1/teams", "/v1/health" })
        {
            Assert.NotNull(served["paths"]![path]);
        }
    }
}
