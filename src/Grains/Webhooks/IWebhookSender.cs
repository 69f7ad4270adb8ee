namespace Framecast.Grains.Webhooks;

/// <summary>Sends one attempt: a POST of the body with both signatures, through the SSRF guard, within the timeout.</summary>
public interface IWebhookSender
{
    Task<AttemptResult> SendAsync(string url, string secret, Guid deliveryId, string body, CancellationToken cancellationToken);
}
