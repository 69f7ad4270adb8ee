using System.Net;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Hosting;

/// <summary>Issue 10 item 12: the probes with the database gone, on a PostgreSQL server of this test's own.</summary>
public sealed class HealthWithoutDatabaseTests
{
    [Fact]
    public async Task With_the_database_down_liveness_answers_200_and_readiness_and_health_503_then_ready_again()
    {
        await using var postgres = PostgresInstance.Start();
        await using var api = new ApiFactory();
        api.Settings["DATABASE_URL"] = await postgres.CreateDatabaseAsync();
        api.Settings["HEALTH_CACHE_MS"] = "0";
        await api.InitializeAsync();
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/health/ready")).StatusCode);

        postgres.StopServer();
        try
        {
            using var live = await client.GetAsync("/v1/health/live");
            using var ready = await client.GetAsync("/v1/health/ready");
            using var health = await client.GetAsync("/v1/health");
            var healthText = await health.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("""{"status":"unhealthy"}""", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"database\":{\"status\":\"unhealthy\"}", healthText);
            Assert.DoesNotContain("refused", healthText, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            postgres.StartServer();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync("/v1/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness did not come back with the database");
            await Task.Delay(200);
        }
    }
}
