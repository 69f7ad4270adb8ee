using System.Net;
using Framecast.Api.Auth;
using Framecast.Api.Health;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framecast.Api.Tests.Hosting;

/// <summary>Issue 10 item 12: a burst of health requests costs each backend one check per cache window.</summary>
public sealed class HealthCacheTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private WebApplicationFactory<Program> _counted = null!;
    private CountingCheck _database = null!;
    private CountingCheck _worker = null!;

    public async Task InitializeAsync()
    {
        // A window no burst of this test can outlast.
        _api.Settings["HEALTH_CACHE_MS"] = "600000";
        await _api.InitializeAsync();
        _counted = _api.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<IHealthCheck>("database", (sp, _) =>
                _database = new CountingCheck(ActivatorUtilities.CreateInstance<DatabaseHealth>(sp)));
            services.AddKeyedSingleton<IHealthCheck>("worker_backend", (sp, _) =>
                _worker = new CountingCheck(ActivatorUtilities.CreateInstance<WorkerBackendHealth>(sp)));
        }));
    }

    public async Task DisposeAsync()
    {
        await _counted.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Many_health_readiness_and_admin_requests_run_each_component_check_once_within_the_window_failures_included()
    {
        var anonymous = _counted.CreateClient();
        var admin = _counted.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AuthOptions.LocalAdminToken);

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => anonymous.Call(HttpMethod.Get, "/v1/health")));
        var later = new List<Reply>();
        for (var i = 0; i < 10; i++)
        {
            later.Add(await anonymous.Call(HttpMethod.Get, "/v1/health/ready"));
            later.Add(await admin.Call(HttpMethod.Get, "/v1/health"));
        }

        Assert.All(burst.Concat(later), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(1, _database.Calls);
        // The worker backend is unreachable here: its failure is cached as well, not retried per request.
        Assert.Equal(1, _worker.Calls);
        Assert.Contains("refused", later[^1].Body.GetProperty("components").GetProperty("worker_backend").GetProperty("error").GetString(),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The real component, counted.</summary>
    private sealed class CountingCheck(IHealthCheck inner) : IHealthCheck
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return inner.CheckHealthAsync(context, cancellationToken);
        }
    }
}
