using Framecast.Api.Tests.Jobs;

namespace Framecast.Api.Tests.Automations;

/// <summary>The jobs stack (API on a real port, the local worker) with loopback webhook URLs allowed, for automation.disabled.</summary>
public sealed class AutomationsApiFixture : IAsyncLifetime
{
    public JobsApiFixture Jobs { get; } = new(new Dictionary<string, string>
    {
        ["WEBHOOK_ALLOW_LOOPBACK_HTTP"] = "true",
    });

    public Task InitializeAsync() => Jobs.InitializeAsync();

    public Task DisposeAsync() => Jobs.DisposeAsync();
}
