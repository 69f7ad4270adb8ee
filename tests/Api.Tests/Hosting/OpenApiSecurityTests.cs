using System.Text.Json.Nodes;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Hosting;

/// <summary>The served document declares how to authenticate (so /docs has an Authorize button and generated
/// clients carry auth) and the error envelope every operation can answer with.</summary>
public sealed class OpenApiSecurityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<(string Key, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => Methods
            .Where(m => path.Value![m] is not null)
            .Select(m => ($"{m.ToUpperInvariant()} {path.Key}", path.Value![m]!)));

    private static List<string> SchemesOf(JsonNode operation) =>
        operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];

    [Fact]
    public async Task The_document_declares_a_bearer_scheme_for_jwts_and_api_keys_and_one_for_the_admin_token()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;

        Assert.Equal("http", schemes["bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Contains("sk_live_", schemes["bearer"]!["description"]!.GetValue<string>());
        Assert.Contains("JWT", schemes["bearer"]!["description"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["adminToken"]!["scheme"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET /v1/account", "bearer")]
    [InlineData("POST /v1/generate", "bearer")]
    [InlineData("POST /v1/jobs/{id}/cancel", "bearer")]
    [InlineData("POST /v1/invitations/accept-token", "bearer")]
    [InlineData("GET /v1/system-assets", "bearer")]
    [InlineData("POST /v1/admin/credits", "adminToken")]
    [InlineData("GET /v1/admin/silos", "adminToken")]
    public async Task Authenticated_operations_carry_their_scheme(string operation, string scheme)
    {
        var found = Operations(await DocumentAsync()).Single(o => o.Key == operation);

        Assert.Equal([scheme], SchemesOf(found.Operation));
        Assert.NotNull(found.Operation["responses"]!["401"]);
    }

    [Theory]
    [InlineData("GET /v1/health")]
    [InlineData("GET /v1/status")]
    [InlineData("POST /v1/auth/signup")]
    [InlineData("POST /v1/auth/token")]
    public async Task Anonymous_operations_carry_no_scheme(string operation)
    {
        var found = Operations(await DocumentAsync()).Single(o => o.Key == operation);

        Assert.Empty(SchemesOf(found.Operation));
        Assert.Null(found.Operation["responses"]!["401"]);
    }

    [Fact]
    public async Task Every_operation_declares_the_error_envelope_for_its_error_answers()
    {
        var document = await DocumentAsync();
        var envelope = document["components"]!["schemas"]!["ErrorEnvelope"]!;
        Assert.Contains("error", envelope["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        var body = envelope["properties"]!["error"]!;
        Assert.Equal(["code", "message"], body["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());

        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations");
        foreach (var (key, operation) in operations)
        {
            var errors = operation["responses"]!.AsObject().Where(r => r.Key == "default" || r.Key[0] is '4' or '5').ToList();
            Assert.Contains(errors, r => r.Key == "default");
            Assert.Contains(errors, r => r.Key == "503");
            foreach (var (status, response) in errors)
            {
                var reference = response!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                if (status == "503" && key.Contains(" /v1/health", StringComparison.Ordinal) && reference is not null)
                {
                    // A health answer's 503 is the health report itself (orchestrators read its status), not an error.
                    continue;
                }
                Assert.True(reference == "#/components/schemas/ErrorEnvelope", $"{key} {status} answers {reference ?? "nothing"}");
            }
            if (key.Contains('{'))
            {
                Assert.True(errors.Any(r => r.Key == "404"), $"{key} declares no 404");
            }
        }
    }
}
