using System.Net;
using System.Text.Json;
using Framecast.Api.Auth;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Hosting;

public sealed class HealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_reports_every_component_with_its_status()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var components = body.RootElement.GetProperty("components");

        Assert.Equal("healthy", components.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", components.GetProperty("object_storage").GetProperty("status").GetString());
        Assert.Equal("healthy", components.GetProperty("silo").GetProperty("status").GetString());
        // The tests point the worker backend at a closed port: it must be reported, not hidden.
        Assert.Equal("unhealthy", components.GetProperty("worker_backend").GetProperty("status").GetString());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_statuses_only_and_never_an_exception_text()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/health");
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);

        Assert.Equal(["status", "version", "checked_at", "components"], body.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var component in body.RootElement.GetProperty("components").EnumerateObject())
        {
            Assert.Equal(["status"], component.Value.EnumerateObject().Select(p => p.Name));
        }
        // The worker backend's failure is a refused connection to 127.0.0.1:1: none of it may show.
        Assert.DoesNotContain("refused", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", text);
    }

    [Fact]
    public async Task The_admin_token_gets_each_components_latency_error_and_info()
    {
        using var admin = factory.ClientWith(AuthOptions.LocalAdminToken);
        var health = await admin.Call(HttpMethod.Get, "/v1/health");
        var components = health.Body.GetProperty("components");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.False(string.IsNullOrEmpty(health.Str("silo")));
        var worker = components.GetProperty("worker_backend");
        Assert.Contains("refused", worker.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(worker.GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal("present", components.GetProperty("object_storage").GetProperty("info").GetProperty("buckets").GetProperty("framecast-outputs").GetString());
        var database = components.GetProperty("database");
        Assert.True(database.GetProperty("latency_ms").GetDouble() >= 0);
        Assert.True(database.GetProperty("checked_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.False(database.TryGetProperty("error", out _));
        Assert.False(string.IsNullOrEmpty(database.GetProperty("info").GetProperty("schema_version").GetString()));
        Assert.Equal(1, components.GetProperty("silo").GetProperty("info").GetProperty("active_silos").GetInt32());
    }

    [Fact]
    public async Task A_wrong_admin_token_gets_the_anonymous_answer()
    {
        using var guesser = factory.ClientWith("not-the-admin-token");
        var health = await guesser.Call(HttpMethod.Get, "/v1/health");

        Assert.False(health.Body.TryGetProperty("silo", out _));
        Assert.False(health.Body.GetProperty("components").GetProperty("worker_backend").TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_200_with_a_tiny_body_while_the_database_and_silo_are_up()
    {
        var client = factory.CreateClient();
        foreach (var path in new[] { "/v1/health/live", "/v1/health/ready" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"status":"healthy"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Status_answers_ok_with_the_version()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/status");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", body.RootElement.GetProperty("version").GetString());
    }
}
