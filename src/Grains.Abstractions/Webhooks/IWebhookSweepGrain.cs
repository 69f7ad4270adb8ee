namespace Framecast.Grains.Abstractions.Webhooks;

/// <summary>
/// The safety net behind the pokes: a writer pokes a webhook's grain after its event's transaction commits, and a
/// crash between the two would leave deliveries nobody sends. This grain's reminder finds webhooks with undelivered
/// rows and pokes them, and deletes deliveries past their 30 days. One per cluster, keyed by <see cref="Key"/>.
/// </summary>
[Alias("framecast.IWebhookSweepGrain")]
public interface IWebhookSweepGrain : Sweeps.IClusterSweepGrain, IRemindable
{
}
