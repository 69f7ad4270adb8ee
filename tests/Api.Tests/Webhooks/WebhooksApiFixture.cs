using Framecast.Api.Tests.Jobs;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Webhooks;

/// <summary>
/// The jobs stack (API on a real port, the local worker) with loopback receivers allowed, as in `just dev`, a
/// receiver on 127.0.0.1, and the retry schedule shortened to fractions of a second (WEBHOOK_RETRY_DELAYS_MS).
/// </summary>
public sealed class WebhooksApiFixture : IAsyncLifetime
{
    public const int TimeoutMs = 3_000;

    public JobsApiFixture Jobs { get; } = new(new Dictionary<string, string>
    {
        ["WEBHOOK_ALLOW_LOOPBACK_HTTP"] = "true",
        ["WEBHOOK_RETRY_DELAYS_MS"] = "200,300,400,500",
        ["WEBHOOK_TIMEOUT_MS"] = TimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WEBHOOK_REMINDER_MS"] = "1000",
    });

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await Jobs.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Jobs.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
