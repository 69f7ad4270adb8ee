using Framecast.Grains.Abstractions.Runtime;
using Framecast.Silo.Hosting;
using Framecast.Silo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Framecast.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>: a whole silo host, as a separate process would have.</summary>
public sealed class TestSilo(IHost host)
{
    public IHost Host { get; } = host;

    public IServiceProvider Services => Host.Services;

    /// <summary>Read once at start, so it stays readable after the silo stopped.</summary>
    public Guid Id { get; } = host.Services.GetRequiredService<SiloIdentity>().Id;

    public GrainRuntime Runtime => Services.GetRequiredService<GrainRuntime>();

    public IGrainFactory GrainFactory => Runtime;

    public bool IsRunning { get; private set; } = true;

    /// <summary>A graceful stop, as on SIGTERM.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }
        IsRunning = false;
        await Host.StopAsync();
        Host.Dispose();
    }

    /// <summary>A crash: loops stop, nothing is cleaned up, the row in silos keeps its last heartbeat.</summary>
    public async Task KillAsync()
    {
        if (!IsRunning)
        {
            return;
        }
        IsRunning = false;
        await Services.GetRequiredService<SiloLifecycle>().AbortAsync();
        Host.Dispose();
    }
}
