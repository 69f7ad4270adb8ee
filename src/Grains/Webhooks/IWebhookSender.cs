namespace Framecast.Grains.Webhooks;

/// <summary>Sends one attempt: a POST of the delivery's body (with its output URLs presigned afresh) and both signatures,
/// through the SSRF guard, within the timeout.</summary>
public interface IWebhookSender
{
    Task<AttemptResult> SendAsync(string url, string secret, OpenDelivery delivery, CancellationToken cancellationToken);
}
