using System.Net;
using System.Text.Json;
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
    public async Task Status_answers_ok_with_the_version()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/status");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", body.RootElement.GetProperty("version").GetString());
    }
}
