using Framecast.TestingHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Framecast.Api.Tests.Infrastructure;

/// <summary>
/// The whole API with its co-hosted Orleans silo, in memory over HTTP, on a fresh database of the real
/// PostgreSQL server and the tests' S3 server. One per test class (IClassFixture): each is a cluster
/// of its own, on ports of its own.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _databaseUrl = "";

    /// <summary>Settings a test class wants on top of the defaults (as environment variables would give them).</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public async Task InitializeAsync() => _databaseUrl = await PostgresServer.CreateDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var storage = S3Server.Options;
        builder.UseSetting("DATABASE_URL", _databaseUrl);
        builder.UseSetting("S3_ENDPOINT", storage.Endpoint);
        builder.UseSetting("RUNPOD_BASE_URL", "http://127.0.0.1:1/v2");
        builder.UseSetting("LOG_LEVEL", "Warning");
        builder.UseSetting("ORLEANS_CLUSTER_ID", $"api-tests-{Guid.NewGuid():N}");
        builder.UseSetting("ORLEANS_SILO_PORT", LocalProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ORLEANS_GATEWAY_PORT", LocalProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public new Task DisposeAsync() => base.DisposeAsync().AsTask();
}
